// The PostgreSQL server going away: searches and writes fail with one clear, actionable error (DB_UNAVAILABLE),
// and once the server is back the same store works again, with every document there exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError, errorAction } from '../../../electron/core/errors.ts';
import { Searcher } from '../../../electron/core/search/searcher.ts';
import { PostgresStore } from '../../../electron/core/store/postgres/postgres-store.ts';
import { chunksOf } from '../../helpers/chunks.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.ts';

const facts = (path: string) => ({ folderId: 0, path, ext: 'txt', format: 'text', size: 1, mtimeMs: 1, indexedAt: 1 });

describe.skipIf(postgresUnavailable !== undefined)('PostgreSQL store when the server goes away', () => {
  let server: PrivatePostgres;
  let store: PostgresStore;

  beforeAll(async () => {
    server = startPrivatePostgres();
    store = await PostgresStore.open(server.url);
  });

  afterAll(async () => {
    await store?.dispose();
    server?.dispose();
  });

  it('reports DB_UNAVAILABLE in one line for searches and writes, and recovers when the server returns', async () => {
    const folderId = await store.addFolder('/docs', 1);
    const write = (path: string, text: string) => store.writeDocument({ ...facts(path), folderId }, { chunks: chunksOf(text), chunkFingerprint: 'c' });
    await write('/docs/a.txt', 'the wombat burrows at night');
    const searcher = new Searcher(store);
    expect((await searcher.search('wombat', { mode: 'bm25' })).results).toHaveLength(1);

    server.stop('immediate');
    const failure = await searcher.search('wombat', { mode: 'bm25' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).code).toBe('DB_UNAVAILABLE');
    expect((failure as StoreError).message).toMatch(/^The index database postgresql:\/\/trove@localhost\/postgres.* cannot be reached \(/);
    expect((failure as StoreError).message).not.toContain('\n');
    expect((failure as StoreError).action).toBe(errorAction('DB_UNAVAILABLE'));
    const writeFailure = await write('/docs/b.txt', 'the wombat sleeps by day').catch((error: unknown) => error);
    expect((writeFailure as StoreError).code).toBe('DB_UNAVAILABLE');

    server.start();
    // The failed write is simply done again; the first document was committed before and is still there once.
    await write('/docs/b.txt', 'the wombat sleeps by day');
    await write('/docs/a.txt', 'the wombat burrows at night');
    // Ranked ids, not search results: search would fold a duplicated passage into its copy.
    const ranked = await store.rankLexical('wombat', 10, {});
    expect((await store.hydrate(ranked.map((hit) => hit.id))).map((hit) => hit.path).sort()).toEqual(['/docs/a.txt', '/docs/b.txt']);
  });

  it('fails to open an unreachable database with DB_UNAVAILABLE, not a stack of pg errors', async () => {
    const url = server.url.replace(/host=[^&]+/, `host=${encodeURIComponent('/nonexistent-trove-socket-dir')}`);
    const failure = await PostgresStore.open(url).catch((error: unknown) => error);
    expect((failure as StoreError).code).toBe('DB_UNAVAILABLE');
  });
});
