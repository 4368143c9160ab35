// Team mode: two engines on one PostgreSQL index. A folder is indexed by the client holding its lease; the
// other skips it and says who holds it; the holder renews while it works; a lease whose holder stopped
// renewing is taken over.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { extractReadFile } from '../../../electron/core/extract/index.ts';
import { PostgresStore } from '../../../electron/core/store/postgres/postgres-store.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { HashingEmbedder } from '../../helpers/fake-embedder.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** An embedder that holds every call until `release()`: the engine using it stays mid-index as long as a test needs. */
class GatedEmbedder extends HashingEmbedder {
  private opened!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));
  entered = false;

  override async embedDocuments(texts: readonly string[]): Promise<Float32Array[]> {
    this.entered = true;
    await this.gate;
    return super.embedDocuments(texts);
  }

  release(): void {
    this.opened();
  }
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe.skipIf(postgresUnavailable !== undefined)('folder leases in indexing', () => {
  let server: PrivatePostgres;
  let databases = 0;

  beforeAll(() => {
    server = startPrivatePostgres();
  });

  afterAll(() => server?.dispose());

  /** Two clients of one new database, each with its own local file, as two laptops would be. */
  async function twoClients(a: { embedder: HashingEmbedder; leaseTtlMs: number }, b: { leaseTtlMs: number }) {
    const name = `leases_${++databases}`;
    server.createDatabase(name);
    const open = async (clientName: string, embedder: HashingEmbedder, leaseTtlMs: number) =>
      new Engine({
        store: Store.open(join(await tempDir(), 'local.db')),
        shared: await PostgresStore.open(server.urlOf(name)),
        clientName,
        leaseTtlMs,
        embedder,
        extract: extractReadFile,
      });
    return { a: await open('client-a', a.embedder, a.leaseTtlMs), b: await open('client-b', new HashingEmbedder(), b.leaseTtlMs) };
  }

  it('lets one client index a folder while the other skips it, the holder renewing past the lease lifetime', async () => {
    const folder = await tempDir();
    await writeFiles(folder, { 'a.md': '# A\n\nalpha words\n', 'b.md': '# B\n\nbeta words\n', 'c.md': '# C\n\ngamma words\n' });
    const gated = new GatedEmbedder();
    const ttl = 1_500;
    const { a, b } = await twoClients({ embedder: gated, leaseTtlMs: ttl }, { leaseTtlMs: ttl });
    try {
      const first = a.index([folder]);
      await until(() => gated.entered);
      // A is stuck in its first file for three lease lifetimes: only its renewals keep the lease.
      await new Promise((resolve) => setTimeout(resolve, 3 * ttl));
      const [skipped] = await b.index([folder]);
      expect(skipped).toMatchObject({ folder, heldBy: 'client-a', indexed: 0, files: 0 });
      gated.release();
      const [done] = await first;
      expect(done).toMatchObject({ folder, files: 3, indexed: 3, failed: 0 });
      expect(done?.heldBy).toBeUndefined();
      // Released at the end: B indexes next, and finds nothing to do.
      const [after] = await b.index([folder]);
      expect(after).toMatchObject({ files: 3, unchanged: 3, indexed: 0 });
      expect(after?.heldBy).toBeUndefined();
    } finally {
      gated.release();
      await a.dispose();
      await b.dispose();
    }
  });

  it('takes over the lease of a client that stopped renewing', async () => {
    const folder = await tempDir();
    await writeFiles(folder, { 'a.md': '# A\n\nalpha words\n', 'b.md': '# B\n\nbeta words\n' });
    const { a, b } = await twoClients({ embedder: new HashingEmbedder(), leaseTtlMs: 30_000 }, { leaseTtlMs: 30_000 });
    try {
      const [folderRow] = await a.addFolders([folder]);
      if (!folderRow) throw new Error('the folder was not registered');
      // A client took the lease for a short while and then died: it never renews.
      const store = await PostgresStore.open(server.urlOf(`leases_${databases}`));
      try {
        expect(await store.leases.acquire(folderRow.id, 'crashed-client', 1_000)).toBe(true);
      } finally {
        await store.dispose();
      }
      const [skipped] = await b.index([folder]);
      expect(skipped).toMatchObject({ heldBy: 'crashed-client', indexed: 0 });
      let summary = skipped;
      await until(async () => {
        [summary] = await b.index([folder]);
        return summary?.heldBy === undefined;
      });
      expect(summary).toMatchObject({ files: 2, indexed: 2, failed: 0 });
      expect((await a.search('beta', { mode: 'bm25' })).results[0]?.path).toBe(join(folder, 'b.md'));
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });
});
