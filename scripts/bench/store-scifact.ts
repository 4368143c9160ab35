/**
 * SciFact (BEIR) over both stores in one run: every abstract extracted and chunked by Trove's own pipeline,
 * written through the DocumentWriter port into SQLite and into PostgreSQL + pgvector, then each test question
 * searched by BM25 through the same Searcher on each store. Prints nDCG@10 and search latency (p50 / p95) per
 * store. PostgreSQL: TROVE_BENCH_POSTGRES=<url of an empty database>, else a private server (as the tests start).
 *
 *   npx tsx scripts/bench/store-scifact.ts [../shared/datasets/scifact]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chunkBlocks } from '../../electron/core/chunk/chunker.ts';
import { DEFAULT_CHUNKING } from '../../electron/core/chunk/default-chunking.ts';
import { fileNameFor, idFromFileName, loadBeirDataset } from '../../electron/core/eval/beir.ts';
import { ndcgAt } from '../../electron/core/eval/metrics.ts';
import { extractBytes } from '../../electron/core/extract/index.ts';
import type { DocumentWriter, SearchIndex } from '../../electron/core/ports.ts';
import { Searcher } from '../../electron/core/search/searcher.ts';
import { PostgresStore } from '../../electron/core/store/postgres/postgres-store.ts';
import { SqliteDocumentWriter } from '../../electron/core/store/sqlite/sqlite-document-writer.ts';
import { SqliteSearchIndex } from '../../electron/core/store/sqlite/sqlite-search-index.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { startPrivatePostgres } from '../../tests/helpers/private-postgres.ts';
import { describeMachine } from './machine.ts';
import { median, percentile, timeMs } from './stats.ts';

const K = 100;

interface Measured {
  readonly name: string;
  readonly loadSeconds: number;
  readonly ndcg10: number;
  readonly p50: number;
  readonly p95: number;
}

const datasetDir = process.argv[2] ?? '../shared/datasets/scifact';
const dataset = await loadBeirDataset(datasetDir);
const dir = await mkdtemp(join(tmpdir(), 'trove-store-scifact-'));
const server = process.env.TROVE_BENCH_POSTGRES ? undefined : startPrivatePostgres();
const sqlite = Store.open(join(dir, 'trove.db'));
const postgres = await PostgresStore.open(process.env.TROVE_BENCH_POSTGRES ?? (server?.url as string));
try {
  const stores: { name: string; writer: DocumentWriter; index: SearchIndex; folderId: number }[] = [
    { name: 'SQLite (FTS5)', writer: new SqliteDocumentWriter(sqlite), index: new SqliteSearchIndex(sqlite), folderId: sqlite.folders.add('/scifact', 1).id },
    { name: 'PostgreSQL (postings + BM25 in SQL)', writer: postgres, index: postgres, folderId: await postgres.addFolder('/scifact', 1) },
  ];
  const loadSeconds = new Map<string, number>();
  for await (const line of createInterface({ input: createReadStream(join(datasetDir, 'corpus.jsonl'), 'utf8'), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const doc = JSON.parse(line) as { _id: string; title?: string; text?: string };
    const title = (doc.title ?? '').trim();
    const path = `/scifact/${fileNameFor(String(doc._id))}.md`;
    const extracted = await extractBytes(Buffer.from(`${title ? `# ${title}\n\n` : ''}${doc.text ?? ''}\n`), 'markdown', path);
    const chunks = chunkBlocks(extracted.blocks, DEFAULT_CHUNKING);
    for (const store of stores) {
      const facts = { folderId: store.folderId, path, ext: 'md', format: 'markdown', size: 1, mtimeMs: 1, indexedAt: 1, title: extracted.title };
      const ms = await timeMs(() => store.writer.writeDocument(facts, { chunks, chunkFingerprint: 'c' }));
      loadSeconds.set(store.name, (loadSeconds.get(store.name) ?? 0) + ms / 1000);
    }
  }
  const results: Measured[] = [];
  for (const store of stores) {
    const searcher = new Searcher(store.index);
    const times: number[] = [];
    let ndcg = 0;
    for (const question of dataset.questions) {
      let ranked: string[] = [];
      times.push(await timeMs(async () => {
        const response = await searcher.search(question.text, { mode: 'bm25', k: K });
        ranked = response.results.map((hit) => idFromFileName(hit.path.slice(hit.path.lastIndexOf('/') + 1)));
      }));
      ndcg += ndcgAt(ranked, question.judgments, 10);
    }
    results.push({ name: store.name, loadSeconds: loadSeconds.get(store.name) ?? 0, ndcg10: ndcg / dataset.questions.length, p50: median(times), p95: percentile(times, 95) });
  }
  console.log(`Machine: ${describeMachine()}\n`);
  console.log(`SciFact test, ${dataset.questions.length} questions, BM25 through the same Searcher (k = ${K}), both stores in one run:\n`);
  console.log('| store | nDCG@10 | search p50 / p95 (ms) | writing the corpus (s) |');
  console.log('|---|---:|---|---:|');
  for (const row of results) console.log(`| ${row.name} | ${row.ndcg10.toFixed(4)} | ${row.p50.toFixed(1)} / ${row.p95.toFixed(1)} | ${row.loadSeconds.toFixed(1)} |`);
} finally {
  sqlite.dispose();
  await postgres.dispose();
  server?.dispose();
  await rm(dir, { recursive: true, force: true });
}
