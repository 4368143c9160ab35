/**
 * Writes a set of files all or nothing: each goes to a temporary file beside its destination, and only when
 * every one is written are they renamed into place. A failure (an unwritable folder, a full disk) removes the
 * temporary files and throws ExportError, so no export is ever left half-written.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ExportError } from '../errors.ts';

export async function writeFilesAtomically(files: ReadonlyMap<string, string>): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const temporary = [...files.keys()].map((path) => ({ path, temp: join(dirname(path), `.${basename(path)}.${suffix}.tmp`) }));
  let current = '';
  try {
    for (const { path, temp } of temporary) {
      current = path;
      await writeFile(temp, files.get(path) as string, { flag: 'wx' });
    }
    for (const { path, temp } of temporary) {
      current = path;
      await rename(temp, path);
    }
  } catch (error) {
    await Promise.all(temporary.map(({ temp }) => rm(temp, { force: true }).catch(() => undefined)));
    throw new ExportError(current, `Cannot write ${current}: ${reasonOf(error)}.`, { cause: error });
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'permission denied';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'its folder does not exist';
  if (code === 'ENOSPC') return 'the disk is full';
  return error instanceof Error ? error.message.split('\n')[0] ?? 'unknown error' : String(error);
}
