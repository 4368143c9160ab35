/**
 * Where the index lives. The CLI and the desktop app share one per-user directory so a folder indexed from
 * the terminal is searchable in the app and the other way round; `--data-dir` or TROVE_DATA_DIR override it.
 */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataDirError } from './errors.ts';

export const DATABASE_FILE = 'trove.db';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Trove');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Trove');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'trove');
}

export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(explicit ?? (env.TROVE_DATA_DIR || defaultDataDir(env)));
}

/** Creates the directory if needed and proves it writable, or throws a DataDirError that says what to do. */
export async function ensureWritableDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' || code === 'EEXIST' ? 'not a directory' : (code ?? 'unknown error');
    throw new DataDirError(dir, `Cannot write to the data directory ${dir} (${reason})`, { cause: error });
  }
}
