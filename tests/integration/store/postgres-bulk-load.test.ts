// Bulk writing into the PostgreSQL store (document-batch.ts, PostgresStore.bulkLoad): a batch writes what the
// same documents written one by one would, commits whole or not at all, and a bulk load builds HNSW once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PgPool } from '../../../native/postgres.ts';
import type { DocumentWrite } from '../../../electron/core/store/postgres/document-batch.ts';
import { PostgresStore } from '../../../electron/core/store/postgres/postgres-store.ts';
import { chunksOf } from '../../helpers/chunks.ts';
import { HashingEmbedder } from '../../helpers/fake-embedder.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.ts';

const embedder = new HashingEmbedder(16);
const FINGERPRINT = 'hashing-16';
let server: PrivatePostgres;
let databases = 0;
const opened: { dispose(): Promise<unknown> }[] = [];

async function fresh(): Promise<{ store: PostgresStore; pool: PgPool; url: string; folderId: number }> {
  const name = `bulk_${++databases}`;
  server.createDatabase(name);
  const url = server.urlOf(name);
  const store = await PostgresStore.open(url);
  const pool = openPostgres(url);
  opened.push(store, { dispose: () => pool.end() });
  await store.useVectorFingerprint(FINGERPRINT, 16);
  return { store, pool, url, folderId: await store.addFolder('/docs', 1) };
}

async function writesFor(folderId: number, texts: Record<string, string[]>): Promise<DocumentWrite[]> {
  const writes: DocumentWrite[] = [];
  for (const [path, chunkTexts] of Object.entries(texts)) {
    const vectors = await embedder.embedDocuments(chunkTexts);
    writes.push({
      facts: { folderId, path, ext: 'md', format: 'markdown', size: 1, mtimeMs: 1, indexedAt: 1, title: `Title of ${path}` },
      content: { chunks: chunksOf(...chunkTexts), chunkFingerprint: 'c', embedding: { vectors, fingerprint: FINGERPRINT },
        redactions: [{ kind: 'api-key', startLine: 1, endLine: 1 }] },
    });
  }
  return writes;
}

/** What a database holds, keyed by content rather than by serial ids. */
async function contents(pool: PgPool): Promise<unknown> {
  const { rows } = await pool.query(
    `SELECT d.path, d.title, d.embed_fingerprint, c.seq, c.text, c.terms::text AS terms, v.embedding::text AS embedding,
            (SELECT count(*)::int FROM redactions r WHERE r.document_id = d.id) AS redactions,
            (SELECT count(*)::int FROM chunk_postings p WHERE p.chunk_id = c.id) AS postings
     FROM documents d JOIN chunks c ON c.document_id = d.id LEFT JOIN chunk_vectors v ON v.chunk_id = c.id
     ORDER BY d.path, c.seq`,
  );
  return rows;
}

const hasHnsw = async (pool: PgPool) =>
  (await pool.query<{ has: boolean }>("SELECT to_regclass('chunk_vectors_hnsw') IS NOT NULL AS has")).rows[0]?.has;

const TEXTS = {
  '/docs/a.md': ['The ledger holds every invoice.', 'Invoices are audited yearly.'],
  '/docs/b.md': ['An audit found two missing invoices.'],
  '/docs/c.md': ['Nothing about money here.', 'Only weather.', 'And rain.'],
};

describe.skipIf(postgresUnavailable !== undefined)('PostgreSQL bulk writing', () => {
  beforeAll(() => {
    server = startPrivatePostgres();
  });
  afterAll(async () => {
    for (const item of opened.reverse()) await item.dispose();
    server?.dispose();
  });

  it('writes a batch exactly as the same documents written one by one; a path written twice keeps its last write', async () => {
    const one = await fresh();
    for (const write of await writesFor(one.folderId, TEXTS)) await one.store.writeDocument(write.facts, write.content);
    const batched = await fresh();
    const stale = await writesFor(batched.folderId, { '/docs/a.md': ['An older version of a.'] });
    await batched.store.writeDocuments([...stale, ...(await writesFor(batched.folderId, TEXTS))]);
    const expected = await contents(one.pool);
    expect(expected).toHaveLength(6);
    expect(await contents(batched.pool)).toEqual(expected);
    // Replacing documents in a batch removes their old chunks, postings and vectors.
    await batched.store.writeDocuments(await writesFor(batched.folderId, { '/docs/c.md': ['Only sunshine.'] }));
    for (const write of await writesFor(one.folderId, { '/docs/c.md': ['Only sunshine.'] })) await one.store.writeDocument(write.facts, write.content);
    expect(await contents(batched.pool)).toEqual(await contents(one.pool));
  });

  it('commits a batch whole or not at all: a failure in its last statement leaves every document as it was', async () => {
    const { store, pool, folderId } = await fresh();
    await store.writeDocuments(await writesFor(folderId, { '/docs/a.md': ['The first version.'] }));
    const before = await contents(pool);
    const writes = await writesFor(folderId, TEXTS);
    // A vector of the wrong dimension fails the vector insert, the batch's last statement.
    const broken = writes[2] as DocumentWrite;
    const wrong = { vectors: broken.content.chunks.map(() => new Float32Array(3)), fingerprint: FINGERPRINT };
    await expect(store.writeDocuments([...writes.slice(0, 2), { ...broken, content: { ...broken.content, embedding: wrong } }])).rejects.toThrow();
    expect(await contents(pool)).toEqual(before);
  });

  it('builds the HNSW index once after a bulk load into an empty index, and rebuilds one a dead load left missing', async () => {
    const { store, pool, url, folderId } = await fresh();
    let duringLoad: boolean | undefined;
    await store.bulkLoad(async () => {
      await store.writeDocuments(await writesFor(folderId, TEXTS));
      duringLoad = await hasHnsw(pool);
    });
    expect(duringLoad).toBe(false);
    expect(await hasHnsw(pool)).toBe(true);
    const query = await embedder.embedQuery('audit found missing invoices');
    const nearest = await store.nearest(query, 3);
    expect(nearest).toHaveLength(3);
    // A load into an index that holds vectors keeps the index other clients search with.
    await store.bulkLoad(async () => {
      await store.writeDocuments(await writesFor(folderId, { '/docs/d.md': ['More text.'] }));
      duringLoad = await hasHnsw(pool);
    });
    expect(duringLoad).toBe(true);
    // A process that died mid-load left no index: the next client to open the store builds it.
    await pool.query('DROP INDEX chunk_vectors_hnsw');
    const reopened = await PostgresStore.open(url);
    opened.push(reopened);
    expect(await hasHnsw(pool)).toBe(true);
    expect(await reopened.nearest(query, 3)).toEqual(nearest);
  });
});
