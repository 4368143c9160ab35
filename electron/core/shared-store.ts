/**
 * Which shared index a `--store` / TROVE_STORE value (or the app's team index setting) names. Only PostgreSQL is
 * known (store/postgres/); its code and the pg driver are loaded only when one is asked for, so the local-only
 * commands never pay for them.
 */
import { SharedIndexError, TroveError } from './errors.ts';
import type { SharedIndex } from './ports.ts';
import { withoutPassword } from './store/postgres/location.ts';

export { withoutPassword };

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** Whether `value` names a shared store this build can open (a postgres:// or postgresql:// URL). */
export function isSharedStoreUrl(value: string): boolean {
  return POSTGRES_URL.test(value);
}

/**
 * Connects to the shared index at `url` and migrates it forward. Every failure is a SharedIndexError of one line
 * that never shows the password: DB_UNAVAILABLE when the server cannot be reached, INVALID_ARGUMENT when the URL
 * is not one or the server refused (wrong password, no such database or role, pgvector not installed).
 */
export async function openSharedIndex(url: string): Promise<SharedIndex> {
  const location = withoutPassword(url);
  if (!isSharedStoreUrl(url)) {
    throw new SharedIndexError('INVALID_ARGUMENT', location, 'The store must be a postgres://user@host/database URL (or postgresql://…).');
  }
  const { PostgresStore } = await import('./store/postgres/postgres-store.ts');
  try {
    return await PostgresStore.open(url);
  } catch (error) {
    if (error instanceof TroveError) {
      throw new SharedIndexError(error.code === 'DB_UNAVAILABLE' ? 'DB_UNAVAILABLE' : 'INVALID_ARGUMENT', location, error.message, { cause: error, action: error.action });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new SharedIndexError('INVALID_ARGUMENT', location, `The team index ${location} could not be opened: ${reason}`, {
      cause: error,
      action: "Check the user, password and database in the URL (or in ~/.pgpass) with the index's administrator, then try again.",
    });
  }
}
