import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Makes `path` hold exactly `bytes`; returns whether it had to write. Safe when several processes (parallel
 * test workers, a CLI run) do this at once: each writes its own temp file and renames it into place, and rename
 * is atomic, so a reader never sees a half-written file. A file that already has the right bytes is left alone,
 * so a model another process has mapped is not replaced under it.
 */
export async function ensureFile(path: string, bytes: Uint8Array): Promise<boolean> {
  if (await hasBytes(path, bytes)) return false;
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    // Windows refuses to rename over a file another process holds open; fine if that file is already right.
    if (await hasBytes(path, bytes)) return false;
    throw error;
  }
  return true;
}

async function hasBytes(path: string, bytes: Uint8Array): Promise<boolean> {
  try {
    // Size first: the cheap check that settles most cases without reading the file.
    if ((await stat(path)).size !== bytes.length) return false;
    return Buffer.from(bytes).equals(await readFile(path));
  } catch {
    return false;
  }
}
