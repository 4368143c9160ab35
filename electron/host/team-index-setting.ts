/**
 * Which team index (a shared PostgreSQL index, `postgres://…`) the app uses, remembered in `<data dir>/team-index`.
 * A file of its own rather than the index's meta table: the app must know it before it opens any index, and the
 * URL may carry a password, so the file is the user's alone (mode 0600). Written to a temporary file and renamed,
 * so a crash leaves the old choice or the new one, never half of one.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const TEAM_INDEX_FILE = 'team-index';

/** The remembered team index URL; undefined: the app uses this computer's own index. */
export async function rememberedTeamIndex(dataDir: string): Promise<string | undefined> {
  try {
    const url = (await readFile(join(dataDir, TEAM_INDEX_FILE), 'utf8')).trim();
    return url === '' ? undefined : url;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Remembers `url` as the team index, or forgets it (null: this computer's own index). */
export async function rememberTeamIndex(dataDir: string, url: string | null): Promise<void> {
  const file = join(dataDir, TEAM_INDEX_FILE);
  if (url === null) {
    await rm(file, { force: true });
    return;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${url}\n`, { mode: 0o600 });
  await rename(temporary, file);
}
