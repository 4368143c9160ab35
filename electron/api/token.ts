/**
 * The API's bearer token: made on first use (32 random bytes, base64url) into `<data dir>/api-token`, readable by
 * the user alone (mode 0600, restored if it was loosened). Creating it with O_EXCL means two servers started
 * at once agree on one token.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureWritableDataDir } from '../core/data-dir.ts';
import { TroveError } from '../core/errors.ts';
import { API_TOKEN_FILE } from './defaults.ts';

const MIN_TOKEN_LENGTH = 32;

export interface ApiToken {
  readonly token: string;
  readonly file: string;
}

export async function apiToken(dataDir: string): Promise<ApiToken> {
  await ensureWritableDataDir(dataDir);
  const file = join(dataDir, API_TOKEN_FILE);
  try {
    await writeFile(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  const token = (await readFile(file, 'utf8')).trim();
  if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
    throw new TroveError('INVALID_ARGUMENT', `The API token in ${file} is too short or malformed.`, { action: `Delete ${file}; Trove makes a new one on the next start.` });
  }
  return { token, file };
}
