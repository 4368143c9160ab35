// The PostgreSQL store's BM25 postings (migration 5, postings.ts): built for a database written before them,
// kept true by every write, and read by the common-terms plan with the same scores as the plain query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PgPool } from '../../../native/postgres.ts';
import { mulberry32 } from '../../../electron/core/random.ts';
import { queryTerms } from '../../../electron/core/search/analyze.ts';
import { migrate } from '../../../electron/core/store/postgres/migrations.ts';
import { PostgresStore } from '../../../electron/core/store/postgres/postgres-store.ts';
import { analyseChunk } from '../../../electron/core/store/postgres/text-search.ts';
import { chunksOf } from '../../helpers/chunks.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.ts';

const DOCUMENTS: Record<string, string[]> = {
  '/docs/ledger.md': ['The ledger holds every invoice of the month.', 'Invoices are audited yearly.'],
  '/docs/audit.md': ['An audit of the ledger found two missing invoices.'],
  '/docs/cafe.md': ['The café on the corner serves crème brûlée.', 'Ledger entries for the café.'],
  '/docs/tokyo.md': ['東京都の会議は明日です。'],
};
const QUERIES = ['invoice', 'ledger audit', 'cafe creme ledger', '東京', 'missing invoices of the month'];

let server: PrivatePostgres;
let databases = 0;
const opened: { dispose(): Promise<void> | Promise<unknown> }[] = [];

function newDatabase(): string {
  const name = `postings_${++databases}`;
  server.createDatabase(name);
  return server.urlOf(name);
}

async function openStore(url: string, postingsBudget?: number): Promise<PostgresStore> {
  const store = await PostgresStore.open(url, { postingsBudget });
  opened.push(store);
  return store;
}

function rawPool(url: string): PgPool {
  const pool = openPostgres(url);
  opened.push({ dispose: () => pool.end() });
  return pool;
}

async function writeAll(store: PostgresStore, folderId: number, documents: Record<string, string[]>): Promise<void> {
  for (const [path, texts] of Object.entries(documents)) {
    await store.writeDocument(
      { folderId, path, ext: 'md', format: 'markdown', size: 1, mtimeMs: 1, indexedAt: 1, title: 'Notes' },
      { chunks: chunksOf(...texts), chunkFingerprint: 'c' },
    );
  }
}

/** Chunk texts keyed by id, so rankings of two databases compare by content rather than by serial ids. */
async function textsById(pool: PgPool): Promise<Map<number, string>> {
  const { rows } = await pool.query<{ id: number; text: string }>('SELECT id, text FROM chunks');
  return new Map(rows.map((row) => [row.id, row.text]));
}

async function ranking(store: PostgresStore, pool: PgPool, query: string): Promise<{ text: string; score: number }[]> {
  const texts = await textsById(pool);
  const scored = await store.rankLexical(query, 50, {});
  return scored.map((hit) => ({ text: texts.get(hit.id) ?? '?', score: Number(hit.score.toFixed(9)) }));
}

async function consistency(pool: PgPool): Promise<{ postings: number; frequencies: number; expected: number }> {
  const { rows } = await pool.query<{ postings: number; frequencies: number; expected: number }>(
    `SELECT (SELECT count(*)::int FROM chunk_postings) AS postings,
            (SELECT coalesce(sum(chunks), 0)::int FROM term_stats) AS frequencies,
            (SELECT count(*)::int FROM chunks c CROSS JOIN LATERAL unnest(c.terms)) AS expected`,
  );
  return rows[0] as { postings: number; frequencies: number; expected: number };
}

async function frequency(pool: PgPool, word: string): Promise<number> {
  const { rows } = await pool.query<{ df: number }>('SELECT coalesce(sum(chunks), 0)::int AS df FROM term_stats WHERE term = $1', [queryTerms(word)[0]]);
  return rows[0]?.df ?? -1;
}

describe.skipIf(postgresUnavailable !== undefined)('PostgreSQL BM25 postings', () => {
  beforeAll(() => {
    server = startPrivatePostgres();
  });
  afterAll(async () => {
    for (const item of opened.reverse()) await item.dispose();
    server?.dispose();
  });

  it('builds the postings (and chunk counts) of a database written before migration 5, ranking as one written after it', async () => {
    const before = newDatabase();
    const pool = rawPool(before);
    await migrate(pool, 4);
    // Written as the store wrote before postings existed: chunks with their tsvector only.
    const { rows } = await pool.query<{ id: number }>("INSERT INTO folders (path, added_at) VALUES ('/docs', 1) RETURNING id");
    const folderId = (rows[0] as { id: number }).id;
    for (const [path, texts] of Object.entries(DOCUMENTS)) {
      const document = await pool.query<{ id: number }>(
        "INSERT INTO documents (folder_id, path, ext, title, size, mtime_ms, status, indexed_at) VALUES ($1, $2, 'md', 'Notes', 1, 1, 'indexed', 1) RETURNING id",
        [folderId, path],
      );
      for (const [seq, text] of texts.entries()) {
        const analysed = analyseChunk('Notes\n', text);
        await pool.query(
          `INSERT INTO chunks (document_id, seq, text, heading, start_line, end_line, start_char, end_char, tokens, terms, term_count)
           VALUES ($1, $2, $3, '', 1, 1, 0, 0, 0, $4::tsvector, $5)`,
          [(document.rows[0] as { id: number }).id, seq, text, analysed.vector, analysed.length],
        );
      }
    }
    const migrated = await openStore(before);
    const after = newDatabase();
    const fresh = await openStore(after);
    await writeAll(fresh, await fresh.addFolder('/docs', 1), DOCUMENTS);
    const freshPool = rawPool(after);
    for (const query of QUERIES) {
      const expected = await ranking(fresh, freshPool, query);
      expect(expected.length).toBeGreaterThan(0);
      expect(await ranking(migrated, pool, query)).toEqual(expected);
    }
    const built = await consistency(pool);
    expect(built.postings).toBe(built.expected);
    expect(built.frequencies).toBe(built.expected);
    // Migration 7 counted each document's chunks, which the overview sums per folder.
    const chunks = Object.values(DOCUMENTS).reduce((sum, texts) => sum + texts.length, 0);
    expect((await migrated.overview()).folders.map((folder) => folder.chunks)).toEqual([chunks]);
    expect((await fresh.overview()).folders.map((folder) => folder.chunks)).toEqual([chunks]);
  });

  it('keeps postings, document frequencies and chunk counts with every write: rewrite, problem, removal', async () => {
    const url = newDatabase();
    const store = await openStore(url);
    const pool = rawPool(url);
    const folderId = await store.addFolder('/docs', 1);
    await writeAll(store, folderId, DOCUMENTS);
    expect(await frequency(pool, 'ledger')).toBe(3);
    expect(await frequency(pool, 'invoice')).toBe(3);
    await writeAll(store, folderId, { '/docs/ledger.md': ['Nothing about books any more.'] });
    expect(await frequency(pool, 'ledger')).toBe(2);
    expect(await frequency(pool, 'invoice')).toBe(1);
    await store.writeProblem(
      { folderId, path: '/docs/audit.md', ext: 'md', size: 1, mtimeMs: 1, indexedAt: 1 },
      { status: 'failed', code: 'PARSE_ERROR', message: 'unreadable' },
    );
    expect(await frequency(pool, 'invoice')).toBe(0);
    await store.removeDocument('/docs/cafe.md');
    expect(await frequency(pool, 'ledger')).toBe(0);
    expect(await store.rankLexical('ledger invoice', 10, {})).toEqual([]);
    const kept = await consistency(pool);
    expect(kept.postings).toBe(kept.expected);
    expect(kept.frequencies).toBe(kept.expected);
    expect(kept.expected).toBeGreaterThan(0);
    // The documents' chunk counts (the overview's per-folder sums) follow the same writes.
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM chunks');
    expect((await store.overview()).folders.map((folder) => folder.chunks)).toEqual([rows[0]?.n]);
  });

  describe('the common-terms plan', () => {
    // "ledger" is in most chunks, "invoice" in some, "audit" in a few: with a budget of 60 matches "ledger"
    // only adds its score to the chunks "invoice" and "audit" found.
    const FILLER = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
    let url: string;
    beforeAll(async () => {
      url = newDatabase();
      const store = await openStore(url);
      const folderId = await store.addFolder('/a', 1);
      const random = mulberry32(7);
      const pick = () => FILLER[Math.floor(random() * FILLER.length)] as string;
      for (let doc = 0; doc < 60; doc++) {
        const texts = Array.from({ length: 5 }, () => {
          const words = Array.from({ length: 5 + Math.floor(random() * 40) }, pick);
          if (random() < 0.8) words.push('ledger');
          if (random() < 0.15) words.push('invoice');
          if (random() < 0.03) words.push('audit', 'audit');
          return words.join(' ');
        });
        await writeAll(store, folderId, { [`/a/doc-${doc}.md`]: texts });
      }
    });

    it('scores every chunk it finds exactly as the plain query does, and finds only chunks with a rare term', async () => {
      const pool = rawPool(url);
      expect(await frequency(pool, 'ledger')).toBeGreaterThan(60);
      const exact = await (await openStore(url)).rankLexical('ledger invoice audit', 1000, {});
      const planned = await (await openStore(url, 60)).rankLexical('ledger invoice audit', 1000, {});
      const exactScore = new Map(exact.map((hit) => [hit.id, hit.score]));
      expect(planned.length).toBeGreaterThan(0);
      expect(planned.length).toBeLessThan(exact.length);
      for (const hit of planned) expect(hit.score).toBeCloseTo(exactScore.get(hit.id) ?? Number.NaN, 9);
      const { rows } = await pool.query<{ id: number }>(
        "SELECT DISTINCT chunk_id AS id FROM chunk_postings WHERE term = ANY($1::text[])",
        [[...queryTerms('invoice audit')]],
      );
      expect(new Set(planned.map((hit) => hit.id))).toEqual(new Set(rows.map((row) => row.id)));
    });
  });
});
