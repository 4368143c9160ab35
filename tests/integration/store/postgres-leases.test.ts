// Team mode's folder lease between two clients of one PostgreSQL database: one holder at a time, renewable by
// its holder, taken over by another client once the holder stops renewing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../../electron/core/store/postgres/postgres-store.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.ts';

describe.skipIf(postgresUnavailable !== undefined)('folder leases across two clients', () => {
  let server: PrivatePostgres;
  let a: PostgresStore;
  let b: PostgresStore;

  beforeAll(async () => {
    server = startPrivatePostgres();
    // Two clients opening the same database at once: the migrations run once (advisory lock).
    [a, b] = await Promise.all([PostgresStore.open(server.url), PostgresStore.open(server.url)]);
  });

  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    server?.dispose();
  });

  it('gives a folder to one client at a time, and to the other once the holder stops renewing', async () => {
    const folderId = await a.addFolder('/share/team', 1);
    expect(await a.leases.acquire(folderId, 'client-a', 60_000)).toBe(true);
    expect(await b.leases.acquire(folderId, 'client-b', 60_000)).toBe(false);
    expect(await b.leases.holder(folderId)).toBe('client-a');
    // Renewing is taking it again; A now renews for a moment only and then stops (as a client that died).
    expect(await a.leases.acquire(folderId, 'client-a', 1)).toBe(true);
    let taken = false;
    for (let attempt = 0; attempt < 200 && !taken; attempt++) {
      taken = await b.leases.acquire(folderId, 'client-b', 60_000);
      if (!taken) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(taken).toBe(true);
    expect(await a.leases.holder(folderId)).toBe('client-b');
    expect(await a.leases.acquire(folderId, 'client-a', 60_000)).toBe(false);
    await b.leases.release(folderId, 'client-b');
    expect(await a.leases.acquire(folderId, 'client-a', 60_000)).toBe(true);
  });
});
