/**
 * Team mode's rule for indexing: a client indexes a folder of a shared index only while it holds that folder's
 * lease (ports.ts FolderLeasing). The lease is renewed as the work goes on, a third of its lifetime apart, so
 * it lapses only when the holder stops (crashed, frozen, cut off) and another client then takes it over. A
 * holder that finds its lease taken (it stalled past the lifetime) stops at the next file: the file it was
 * writing commits or not as one transaction, and the new holder's work is idempotent, so nothing is indexed twice.
 */
import type { FolderLeasing } from '../ports.ts';

export interface LeaseSettings {
  readonly leases: FolderLeasing;
  /** This client's name, shown to the others while it holds a lease. */
  readonly holder: string;
  /** How long a lease lasts without renewal. */
  readonly ttlMs: number;
}

export type LeasedOutcome<T> = { readonly held: true; readonly result: T; readonly lost: boolean } | { readonly held: false; readonly holder: string | undefined };

/**
 * Runs `work` while holding `folderId`'s lease; `work`'s signal aborts when `signal` does or the lease is lost.
 * When another client holds the lease, `work` does not run and that client is named.
 */
export async function whileLeased<T>(
  settings: LeaseSettings,
  folderId: number,
  signal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<LeasedOutcome<T>> {
  const { leases, holder, ttlMs } = settings;
  if (!(await leases.acquire(folderId, holder, ttlMs))) return { held: false, holder: await leases.holder(folderId) };
  const lost = new AbortController();
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing.then(async () => {
      try {
        if (!(await leases.acquire(folderId, holder, ttlMs))) lost.abort();
      } catch {
        // The database is away: the work's own writes fail and say so; renewing resumes when it is back.
      }
    });
  }, Math.max(1, Math.floor(ttlMs / 3)));
  try {
    const result = await work(signal ? AbortSignal.any([signal, lost.signal]) : lost.signal);
    return { held: true, result, lost: lost.signal.aborted };
  } finally {
    clearInterval(timer);
    await renewing;
    if (!lost.signal.aborted) await leases.release(folderId, holder).catch(() => undefined);
  }
}
