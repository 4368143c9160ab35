/**
 * Where an unfinished download lives: `<models folder>/.partial/<file>.part`, with `<file>.part.json` naming
 * the SHA-256 it is for, so a later download resumes only a partial of the same file (a file that changed
 * upstream starts over). The folder is hidden and its files do not end in .gguf, so the registry never lists a
 * partial file as a model.
 */
import { readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const PARTIAL_DIR = '.partial';

export interface PartialPaths {
  readonly dir: string;
  readonly part: string;
  readonly meta: string;
}

/** The partial file of the model that will be saved at `dest`. */
export function partialPaths(dest: string): PartialPaths {
  const dir = join(dirname(dest), PARTIAL_DIR);
  const part = join(dir, `${basename(dest)}.part`);
  return { dir, part, meta: `${part}.json` };
}

/** Bytes of a resumable partial download of `dest`, or 0. */
export async function partialBytes(dest: string): Promise<number> {
  return (await fileSize(partialPaths(dest).part)) ?? 0;
}

/** The SHA-256 the partial file is for, when recorded. */
export async function partialSha256(paths: PartialPaths): Promise<string | undefined> {
  try {
    const value = (JSON.parse(await readFile(paths.meta, 'utf8')) as { sha256?: unknown }).sha256;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function recordPartial(paths: PartialPaths, sha256: string): Promise<void> {
  await writeFile(paths.meta, `${JSON.stringify({ sha256 })}\n`);
}

/** Removes the partial file and its record, and the .partial folder once it is empty. */
export async function removePartial(paths: PartialPaths): Promise<void> {
  await rm(paths.part, { force: true });
  await rm(paths.meta, { force: true });
  await rmdir(paths.dir).catch(() => undefined); // not empty (another download) or already gone
}

export async function fileSize(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

