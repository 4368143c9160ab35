/**
 * Search latency on both stores in one run: the synthetic chunks of "Search latency at scale" (Zipf text,
 * 384-d clustered vectors; search-fixture.ts's generator and seeds) written through the DocumentWriter port
 * into SQLite and into PostgreSQL + pgvector, then the same 30 three-word queries (precomputed query vectors)
 * in bm25, vector and hybrid mode through the same Searcher: a warm-up pass, then 3 timed passes per mode and
 * store; p50 / p95. SQLite runs as the engine does (search worker thread from 20,000 chunks on).
 *
 *   TROVE_BENCH_SIZES=10000,100000 npx tsx scripts/bench/store-search-scale.ts
 *
 * TROVE_BENCH_STORES=sqlite or =postgres measures one store only (default: both, writes interleaved).
 * PostgreSQL is written as a bulk load (PostgresStore.bulkLoad: batches of TROVE_BENCH_PG_BATCH documents, 128
 * by default, one transaction each, HNSW built once at the end); TROVE_BENCH_PG_BATCH=1 writes document by
 * document as the engine's indexer does. The private server gets shared_buffers=2GB.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentWriter, SearchIndex } from '../../electron/core/ports.ts';
import type { DocumentWrite } from '../../electron/core/store/postgres/document-batch.ts';
import { Searcher, type SearchMode } from '../../electron/core/search/searcher.ts';
import { PostgresStore } from '../../electron/core/store/postgres/postgres-store.ts';
import { SearchThread } from '../../electron/core/store/sqlite/search-thread.ts';
import { SqliteDocumentWriter } from '../../electron/core/store/sqlite/sqlite-document-writer.ts';
import { SqliteSearchIndex } from '../../electron/core/store/sqlite/sqlite-search-index.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import type { Chunk, Embedder } from '../../electron/core/types.ts';
import { startPrivatePostgres } from '../../tests/helpers/private-postgres.ts';
import { describeMachine } from './machine.ts';
import { DIMENSIONS, FINGERPRINT } from './search-fixture.ts';
import { median, percentile, timeMs } from './stats.ts';
import { ClusteredVectors, ZipfText } from './synthetic.ts';

const CHUNKS_PER_DOCUMENT = 8;
const QUERIES = 30;
const RUNS = 3;
const MODES: readonly SearchMode[] = ['bm25', 'vector', 'hybrid'];
/** Not imported from search-scale.ts: that module runs its own benchmark when the script's name ends like its own. */
const SIZES = (process.env.TROVE_BENCH_SIZES ?? '10000,100000').split(',').map(Number).filter((size) => size > 0);
const STORES = (process.env.TROVE_BENCH_STORES ?? 'sqlite,postgres').split(',');

const PG_BATCH = Number(process.env.TROVE_BENCH_PG_BATCH ?? 128);

interface Opened {
  readonly name: string;
  readonly writer: DocumentWriter;
  /** Writes one batch of documents the way this store loads many. */
  writeBatch(batch: readonly DocumentWrite[]): Promise<void>;
  /** Runs the whole load (the store's bulk-load path, if it has one). */
  wrapLoad(load: () => Promise<void>): Promise<void>;
  readonly index: SearchIndex;
  readonly folderId: number;
  close(): Promise<void>;
}

async function measure(chunks: number, postgresUrl: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'trove-store-scale-'));
  const stores: Opened[] = [];
  let thread: SearchThread | undefined;
  if (STORES.includes('sqlite')) {
    const sqlite = Store.open(join(dir, 'trove.db'));
    const searchThread = new SearchThread(sqlite.file);
    thread = searchThread;
    const writer = new SqliteDocumentWriter(sqlite);
    stores.push({ name: 'SQLite', writer, writeBatch: async (batch) => { for (const write of batch) await writer.writeDocument(write.facts, write.content); },
      wrapLoad: (load) => load(), index: new SqliteSearchIndex(sqlite, { searchThread }), folderId: sqlite.folders.add('/bench', 1).id,
      close: async () => { await searchThread.dispose(); sqlite.dispose(); } });
  }
  if (STORES.includes('postgres')) {
    const postgres = await PostgresStore.open(postgresUrl);
    const bulk = PG_BATCH > 1;
    stores.push({ name: 'PostgreSQL', writer: postgres, index: postgres,
      writeBatch: (batch) => (bulk ? postgres.writeDocuments(batch) : Promise.all(batch.map((write) => postgres.writeDocument(write.facts, write.content))).then(() => undefined)),
      wrapLoad: (load) => (bulk ? postgres.bulkLoad(load, { maintenanceWorkMem: '2GB' }) : load()), folderId: await postgres.addFolder('/bench', 1), close: () => postgres.dispose() });
  }
  const lines: string[] = [];
  try {
    const text = new ZipfText(50_000, 2);
    const vectors = new ClusteredVectors({ dimensions: DIMENSIONS, clusters: Math.max(10, Math.round(chunks / 1000)), noise: 0.7, offset: 1.5, seed: 3 });
    const buildSeconds = new Map<string, number>();
    const indexBuildSeconds = new Map<string, number>();
    for (const store of stores) await store.writer.useVectorFingerprint(FINGERPRINT, DIMENSIONS);
    const documents = Math.ceil(chunks / CHUNKS_PER_DOCUMENT);
    const batchSize = Math.max(1, PG_BATCH);
    const load = async () => {
      for (let first = 0; first < documents; first += batchSize) {
        const batch = Array.from({ length: Math.min(batchSize, documents - first) }, (_, offset) => {
          const doc = first + offset;
          const docChunks: Chunk[] = Array.from({ length: CHUNKS_PER_DOCUMENT }, (_, seq) => {
            const body = text.text(40 + ((seq * 37) % 161));
            return { seq, text: body, headingPath: [], startLine: seq * 10 + 1, endLine: seq * 10 + 9, startChar: 0, endChar: body.length, tokens: 0 };
          });
          const embedding = { vectors: docChunks.map(() => vectors.next()), fingerprint: FINGERPRINT };
          return { doc, title: text.text(3), content: { chunks: docChunks, chunkFingerprint: 'bench', embedding } };
        });
        for (const store of stores) {
          const writes = batch.map(({ doc, title, content }) => ({
            facts: { folderId: store.folderId, path: `/bench/doc-${doc}.md`, ext: 'md', format: 'markdown', title, size: 4096, mtimeMs: 1, indexedAt: 1 },
            content,
          }));
          const ms = await timeMs(() => store.writeBatch(writes));
          buildSeconds.set(store.name, (buildSeconds.get(store.name) ?? 0) + ms / 1000);
        }
      }
    };
    // Nested so each store's bulk-load wrapper runs around the same interleaved load; what a wrapper spends
    // after the load (PostgreSQL's HNSW build) is counted as that store's writing.
    const wrapped = stores.reduce<() => Promise<void>>((inner, store) => async () => {
      let innerMs = 0;
      const total = await timeMs(() => store.wrapLoad(async () => { innerMs = await timeMs(inner); }));
      const afterSeconds = (total - innerMs) / 1000;
      buildSeconds.set(store.name, (buildSeconds.get(store.name) ?? 0) + afterSeconds);
      indexBuildSeconds.set(store.name, afterSeconds);
    }, load);
    await wrapped();
    const queries = Array.from({ length: QUERIES }, (_, i) => ({
      text: [text.wordAt(100 + i * 3), text.wordAt(300 + i * 7), text.wordAt(3000 + i * 31)].join(' '),
      vector: vectors.next(),
    }));
    const byText = new Map(queries.map((query) => [query.text, query.vector]));
    const embedder: Embedder = {
      modelId: 'precomputed', dimensions: DIMENSIONS, embedDocuments: async () => [],
      embedQuery: async (query) => byText.get(query) ?? new Float32Array(DIMENSIONS), dispose: async () => undefined,
    };
    for (let waited = 0; thread && waited < 30_000 && !thread.available(); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    for (const store of stores) {
      const searcher = new Searcher(store.index, { embedder, embeddingFingerprint: FINGERPRINT });
      const cells: string[] = [];
      for (const mode of MODES) {
        for (const query of queries) await searcher.search(query.text, { mode, k: 10 });
        const times: number[] = [];
        for (let run = 0; run < RUNS; run++) for (const query of queries) times.push(await timeMs(() => searcher.search(query.text, { mode, k: 10 })));
        cells.push(`${median(times).toFixed(1)} / ${percentile(times, 95).toFixed(1)}`);
      }
      const after = indexBuildSeconds.get(store.name) ?? 0;
      const note = after >= 0.5 ? ` (${after.toFixed(0)} of them building the index after the load)` : '';
      lines.push(`| ${chunks.toLocaleString('en')} | ${store.name} | ${cells.join(' | ')} | ${(buildSeconds.get(store.name) ?? 0).toFixed(0)}${note} |`);
    }
  } finally {
    for (const store of stores) await store.close();
    await rm(dir, { recursive: true, force: true });
  }
  return lines;
}

const server = process.env.TROVE_BENCH_POSTGRES || !STORES.includes('postgres') ? undefined : startPrivatePostgres({ shared_buffers: '2GB' });
try {
  console.log(`Machine: ${describeMachine()}\n`);
  console.log('| chunks | store | bm25 p50 / p95 (ms) | vector p50 / p95 (ms) | hybrid p50 / p95 (ms) | writing (s) |');
  console.log('|---:|---|---|---|---|---:|');
  for (const [index, chunks] of SIZES.entries()) {
    let url = process.env.TROVE_BENCH_POSTGRES ?? '';
    if (server) {
      server.createDatabase(`bench_${index}`);
      url = server.urlOf(`bench_${index}`);
    }
    for (const line of await measure(chunks, url)) console.log(line);
  }
} finally {
  server?.dispose();
}
