/**
 * Which shared index a `--store` / TROVE_STORE value names. Only PostgreSQL is known (store/postgres/); its code
 * and the pg driver are loaded only when one is asked for, so the local-only commands never pay for them.
 */
import { TroveError } from './errors.ts';
import type { SharedIndex } from './ports.ts';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** Whether `value` names a shared store this build can open (a postgres:// or postgresql:// URL). */
export function isSharedStoreUrl(value: string): boolean {
  return POSTGRES_URL.test(value);
}

/** Connects to the shared index at `url` and migrates it forward; fails with one line that never shows the password. */
export async function openSharedIndex(url: string): Promise<SharedIndex> {
  if (!isSharedStoreUrl(url)) {
    throw new TroveError('INVALID_ARGUMENT', 'The store must be a postgres://user@host/database URL (or postgresql://…).');
  }
  const { PostgresStore } = await import('./store/postgres/postgres-store.ts');
  return PostgresStore.open(url);
}
