/**
 * Search latency at scale: `bm25`, `vector` and `hybrid` through the real Searcher at 10k, 100k and 1M chunks
 * (TROVE_BENCH_SIZES=10000,100000 to choose), each next to a baseline measured on the same data in the same
 * run: a bare FTS5 query, a bare sqlite-vec float KNN scan, and both together for hybrid. Also the recall of
 * the quantised vector path against the exact float scan, the time to remove a folder of 10,000 files, and
 * the peak RSS. The query embedding is precomputed: model time is not search time.
 */
import { rm } from 'node:fs/promises';
import { SearchThread } from '../../electron/core/store/sqlite/search-thread.ts';
import { SqliteSearchIndex } from '../../electron/core/store/sqlite/sqlite-search-index.ts';
import { Searcher, type SearchMode } from '../../electron/core/search/searcher.ts';
import { toFtsQuery } from '../../electron/core/search/analyze.ts';
import type { Embedder } from '../../electron/core/types.ts';
import { addDocuments, buildSearchFixture, disposeFixture, FINGERPRINT, type SearchFixture } from './search-fixture.ts';
import { median, percentile } from './stats.ts';

const QUERIES = 30;
const RUNS = 3;
const FUSION_DEPTH = 50;
const REMOVAL_FILES = 10_000;
const REMOVAL_CHUNKS_PER_FILE = 5;

interface Latency {
  readonly p50: number;
  readonly p95: number;
}

export interface SearchScaleRow {
  readonly chunks: number;
  readonly buildSeconds: number;
  readonly trove: Record<SearchMode, Latency>;
  readonly baseline: Record<SearchMode, Latency>;
  /** Trove's BM25 with the common-terms plan switched off (every match scored), to show what the plan saves. */
  readonly bm25EveryMatch: Latency;
  /** Trove's hybrid search without the search worker thread: both halves one after the other. */
  readonly hybridOneThread: Latency;
  /** Trove's vector search without the search worker thread: every shard of the first pass on one thread. */
  readonly vectorOneThread: Latency;
  readonly recallAt10: number;
  readonly recallAt50: number;
  readonly removeFolderMs: number;
  readonly peakRssMiB: number;
  /** Bare FTS5 time for one-word queries, by the word's share of chunks: BM25 scores every matching row. */
  readonly termCosts: { readonly documentShare: number; readonly ms: number }[];
}

const TERM_RANKS = [20, 100, 300, 1000, 3000];

export function benchSizes(): number[] {
  const sizes = process.env.TROVE_BENCH_SIZES ?? '10000,100000,1000000';
  return sizes.split(',').map((size) => Number(size.trim())).filter((size) => size > 0);
}

export async function benchSearchScale(sizes: readonly number[] = benchSizes()): Promise<SearchScaleRow[]> {
  const rows: SearchScaleRow[] = [];
  for (const chunks of sizes) {
    const fixture = await buildSearchFixture(chunks);
    try {
      rows.push(await measure(fixture));
    } finally {
      disposeFixture(fixture);
      await rm(fixture.dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/**
 * Queries of three words: a common one (in 5–9% of chunks), a mid-frequency one and a rare one. The top 100
 * ranks of the synthetic vocabulary stand in for stopwords, which analyze() drops from real queries; how
 * BM25 time grows with a term's document frequency is measured separately (termCosts).
 */
function makeQueries(fixture: SearchFixture): { text: string; vector: Float32Array }[] {
  return Array.from({ length: QUERIES }, (_, i) => ({
    text: [fixture.text.wordAt(100 + i * 3), fixture.text.wordAt(300 + i * 7), fixture.text.wordAt(3000 + i * 31)].join(' '),
    vector: fixture.vectors.next(),
  }));
}

async function measure(fixture: SearchFixture): Promise<SearchScaleRow> {
  const queries = makeQueries(fixture);
  const byText = new Map(queries.map((query) => [query.text, query.vector]));
  const embedder: Embedder = {
    modelId: 'precomputed',
    dimensions: 384,
    embedDocuments: async () => [],
    embedQuery: async (text) => byText.get(text) ?? new Float32Array(384),
    dispose: async () => undefined,
  };
  const searchThread = new SearchThread(fixture.store.file);
  const model = { embedder, embeddingFingerprint: FINGERPRINT };
  const searcher = new Searcher(new SqliteSearchIndex(fixture.store, { searchThread }), model);
  const oneThread = new Searcher(new SqliteSearchIndex(fixture.store), model);
  const everyMatch = new Searcher(new SqliteSearchIndex(fixture.store, { postingsBudget: Number.MAX_SAFE_INTEGER }), model);
  await untilReady(searchThread);
  const ftsStatement = fixture.raw.prepare('SELECT rowid, rank FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?');
  const knnStatement = fixture.raw.prepare('SELECT rowid, distance FROM bench_float_vec WHERE embedding MATCH ? AND k = ?');
  const bareFts = (text: string, k: number) => ftsStatement.all(toFtsQuery(text) ?? '""', k);
  const bareKnn = (vector: Float32Array, k: number) => knnStatement.all(vector, k) as { rowid: number }[];

  // Each configuration is timed in its own block (a warm-up pass, then RUNS passes over the queries), so one
  // configuration's memory traffic does not land in another's figures: the bare float scans read all 1.5 GB
  // of vectors per query at 1M, which evicted the CPU caches ahead of every Trove query when interleaved.
  const configurations: [string, (query: { text: string; vector: Float32Array }) => unknown][] = [
    ...(['bm25', 'vector', 'hybrid'] as const).map((mode): [string, (query: { text: string }) => unknown] => [
      `trove:${mode}`,
      (query) => searcher.search(query.text, { mode, k: 10 }),
    ]),
    ['trove:bm25-every-match', (query) => everyMatch.search(query.text, { mode: 'bm25', k: 10 })],
    ['trove:hybrid-one-thread', (query) => oneThread.search(query.text, { mode: 'hybrid', k: 10 })],
    ['trove:vector-one-thread', (query) => oneThread.search(query.text, { mode: 'vector', k: 10 })],
    ['baseline:bm25', (query) => bareFts(query.text, 10)],
    ['baseline:vector', (query) => bareKnn(query.vector, 10)],
    ['baseline:hybrid', (query) => [bareFts(query.text, FUSION_DEPTH), bareKnn(query.vector, FUSION_DEPTH)]],
  ];
  const times: Record<string, number[]> = {};
  for (const [name, work] of configurations) {
    for (let run = 0; run <= RUNS; run++) {
      for (const query of queries) {
        const started = process.hrtime.bigint();
        await work(query);
        if (run > 0) (times[name] ??= []).push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
  }
  await searchThread.dispose();
  const latency = (name: string): Latency => ({ p50: median(times[name] ?? []), p95: percentile(times[name] ?? [], 95) });
  const modes = ['bm25', 'vector', 'hybrid'] as const;
  return {
    chunks: fixture.chunks,
    buildSeconds: fixture.buildMs / 1000,
    trove: Object.fromEntries(modes.map((mode) => [mode, latency(`trove:${mode}`)])) as Record<SearchMode, Latency>,
    baseline: Object.fromEntries(modes.map((mode) => [mode, latency(`baseline:${mode}`)])) as Record<SearchMode, Latency>,
    bm25EveryMatch: latency('trove:bm25-every-match'),
    hybridOneThread: latency('trove:hybrid-one-thread'),
    vectorOneThread: latency('trove:vector-one-thread'),
    recallAt10: recall(fixture, queries, 10, bareKnn),
    recallAt50: recall(fixture, queries, 50, bareKnn),
    termCosts: TERM_RANKS.map((rank) => termCost(fixture, rank)),
    removeFolderMs: removeFolderMs(fixture),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/** Share of the exact top k (bare float scan) that the quantised path returns. */
function recall(
  fixture: SearchFixture,
  queries: readonly { vector: Float32Array }[],
  k: number,
  exact: (vector: Float32Array, k: number) => { rowid: number }[],
): number {
  let found = 0;
  for (const { vector } of queries) {
    const truth = new Set(exact(vector, k).map((row) => row.rowid));
    found += fixture.store.vectors.nearest(vector, k).filter((hit) => truth.has(hit.id)).length / truth.size;
  }
  return found / queries.length;
}

function termCost(fixture: SearchFixture, rank: number): { documentShare: number; ms: number } {
  const match = toFtsQuery(fixture.text.wordAt(rank)) ?? '""';
  const matching = fixture.raw.prepare('SELECT count(*) AS n FROM chunks_fts WHERE chunks_fts MATCH ?').get(match) as { n: number };
  const query = fixture.raw.prepare('SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT 50');
  const runs: number[] = [];
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    query.all(match);
    runs.push(performance.now() - started);
  }
  return { documentShare: matching.n / fixture.chunks, ms: median(runs) };
}

/** The worker starts on the first search of a big index; the benchmark waits for it (at most 30 s). */
async function untilReady(thread: SearchThread): Promise<void> {
  for (let waited = 0; waited < 30_000 && !thread.available(); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Median of 3: add a folder of 10,000 files (5 chunks each, with vectors) and time Store.folders.remove. */
function removeFolderMs(fixture: SearchFixture): number {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const folder = fixture.store.folders.add(`/bench/remove-${run}`, 1);
    addDocuments(fixture, folder.id, `/bench/remove-${run}`, REMOVAL_FILES, REMOVAL_CHUNKS_PER_FILE);
    const started = performance.now();
    fixture.store.folders.remove(folder.id);
    runs.push(performance.now() - started);
  }
  return median(runs);
}

export function searchScaleMarkdown(rows: readonly SearchScaleRow[]): string {
  const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));
  const lines = [
    '| chunks | mode | Trove p50 / p95 (ms) | baseline p50 / p95 (ms) | baseline |',
    '|---:|---|---|---|---|',
  ];
  const baselineName: Record<SearchMode, string> = {
    bm25: 'bare FTS5 `MATCH … ORDER BY rank LIMIT 10`',
    vector: 'bare sqlite-vec float KNN (k = 10)',
    hybrid: 'bare FTS5 + float KNN, 50 deep each',
  };
  for (const row of rows) {
    for (const mode of ['bm25', 'vector', 'hybrid'] as const) {
      const t = row.trove[mode];
      const b = row.baseline[mode];
      lines.push(`| ${row.chunks.toLocaleString('en')} | ${mode} | ${ms(t.p50)} / ${ms(t.p95)} | ${ms(b.p50)} / ${ms(b.p95)} | ${baselineName[mode]} |`);
    }
    const e = row.bm25EveryMatch;
    lines.push(`| ${row.chunks.toLocaleString('en')} | bm25, common-terms plan off | ${ms(e.p50)} / ${ms(e.p95)} | — | every match scored (budget ∞) |`);
    const v = row.vectorOneThread;
    lines.push(`| ${row.chunks.toLocaleString('en')} | vector, one thread | ${ms(v.p50)} / ${ms(v.p95)} | — | every shard on the engine's thread, no worker |`);
    const h = row.hybridOneThread;
    lines.push(`| ${row.chunks.toLocaleString('en')} | hybrid, one thread | ${ms(h.p50)} / ${ms(h.p95)} | — | BM25 then vectors, no worker |`);
  }
  lines.push('', '| chunks | build (s) | recall@10 / @50 vs exact | remove a 10,000-file folder (ms) | peak RSS so far (MiB) |', '|---:|---:|---|---:|---:|');
  for (const row of rows) {
    lines.push(
      `| ${row.chunks.toLocaleString('en')} | ${row.buildSeconds.toFixed(0)} | ${row.recallAt10.toFixed(3)} / ${row.recallAt50.toFixed(3)} | ${row.removeFolderMs.toFixed(0)} | ${row.peakRssMiB.toFixed(0)} |`,
    );
  }
  lines.push('', 'Bare FTS5 (`ORDER BY rank LIMIT 50`) for a one-word query, by the share of chunks containing the word:', '');
  lines.push(`| chunks | ${TERM_RANKS.map((_, i) => `word ${i + 1}`).join(' | ')} |`, `|---:|${TERM_RANKS.map(() => '---|').join('')}`);
  for (const row of rows) {
    lines.push(`| ${row.chunks.toLocaleString('en')} | ${row.termCosts.map((c) => `${(c.documentShare * 100).toFixed(1)}%: ${ms(c.ms)} ms`).join(' | ')} |`);
  }
  return lines.join('\n');
}

const invokedDirectly = process.argv[1]?.endsWith('search-scale.ts') ?? false;
if (invokedDirectly) console.log(searchScaleMarkdown(await benchSearchScale()));
