/**
 * Writes a set of files all or nothing: each goes to a temporary file beside its destination, and only when
 * every one is written are they renamed into place, older files of the same names moved aside first and put
 * back if a rename fails. A failure (an unwritable folder, a full disk, a name taken by a folder) removes what
 * was written and throws ExportError, so no export is ever left half-written.
 */
import { randomBytes } from 'node:crypto';
import { lstat, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ExportError } from '../errors.ts';

interface Placement {
  readonly path: string;
  readonly temp: string;
  readonly backup: string;
  movedAside: boolean;
  placed: boolean;
}

export async function writeFilesAtomically(files: ReadonlyMap<string, string>): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const placements: Placement[] = [...files.keys()].map((path) => {
    const hidden = (what: string) => join(dirname(path), `.${basename(path)}.${suffix}.${what}`);
    return { path, temp: hidden('tmp'), backup: hidden('old'), movedAside: false, placed: false };
  });
  let current = '';
  try {
    for (const placement of placements) {
      current = placement.path;
      if ((await lstat(placement.path).catch(() => undefined))?.isDirectory()) throw Object.assign(new Error('a folder has that name'), { code: 'EISDIR' });
    }
    for (const placement of placements) {
      current = placement.path;
      await writeFile(placement.temp, files.get(placement.path) as string, { flag: 'wx' });
    }
    for (const placement of placements) {
      current = placement.path;
      placement.movedAside = await rename(placement.path, placement.backup).then(() => true, (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      });
      await rename(placement.temp, placement.path);
      placement.placed = true;
    }
  } catch (error) {
    await rollBack(placements);
    throw new ExportError(current, `Cannot write ${current}: ${reasonOf(error)}.`, { cause: error });
  }
  await Promise.all(placements.filter((p) => p.movedAside).map((p) => rm(p.backup, { force: true })));
}

async function rollBack(placements: readonly Placement[]): Promise<void> {
  for (const placement of placements) {
    await rm(placement.temp, { force: true }).catch(() => undefined);
    if (placement.placed) await rm(placement.path, { force: true }).catch(() => undefined);
    if (placement.movedAside) await rename(placement.backup, placement.path).catch(() => undefined);
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'permission denied';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'its folder does not exist';
  if (code === 'EISDIR') return 'a folder has that name';
  if (code === 'ENOSPC') return 'the disk is full';
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : String(error);
}
