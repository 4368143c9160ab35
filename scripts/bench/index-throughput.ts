/**
 * Indexing throughput on a generated folder of 10,000 mixed files (TROVE_BENCH_FILES to change): files/s,
 * MB/s and chunks/s with no embedding model, and with the generated tiny GGUF model (threads: 1), next to a
 * baseline measured in the same run (reading and hashing every file). The tiny model has 64 dimensions and 2
 * layers: its embedding time is far below a real model's, so the gap to the no-model run shows how much the
 * pipeline around the embedder costs, not what a real model costs.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../electron/core/engine.ts';
import { walkFolder } from '../../electron/core/index/walk-folder.ts';
import { LlamaEmbedder } from '../../electron/core/models/llama-embedder.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import type { Embedder } from '../../electron/core/types.ts';
import { ensureTestModels } from '../generate-test-models.ts';
import { writeMixedCorpus } from './mixed-corpus.ts';
import { median, timeMs } from './stats.ts';

export interface ThroughputRow {
  readonly label: string;
  readonly files: number;
  readonly megabytes: number;
  readonly runs: number;
  readonly ms: number;
  readonly chunks: number;
}

export async function benchIndexThroughput(): Promise<ThroughputRow[]> {
  const count = Number(process.env.TROVE_BENCH_FILES ?? 10_000);
  // Embedding one chunk takes ~16 ms with the tiny model on one thread: 10,000 files would take 11 minutes,
  // so the model comparison runs on the first TROVE_BENCH_MODEL_FILES files (same generator, same bytes).
  const modelCount = Math.min(count, Number(process.env.TROVE_BENCH_MODEL_FILES ?? 1000));
  const runs = Number(process.env.TROVE_BENCH_RUNS ?? 3);
  const corpus = await corpusOf(count);
  const small = await corpusOf(modelCount);
  const rows: ThroughputRow[] = [await readHashRuns(corpus, runs), await indexRuns('`trove index`, no embedding model', corpus, runs)];
  rows.push(await readHashRuns(small, runs), await indexRuns('`trove index`, no embedding model', small, runs));
  const model = await LlamaEmbedder.load((await ensureTestModels()).model, { threads: 1 });
  try {
    rows.push(await indexRuns('`trove index` with the tiny test model (64-d, threads: 1)', small, runs, model));
  } finally {
    await model.dispose();
  }
  return rows;
}

async function corpusSize(corpus: string): Promise<{ files: string[]; megabytes: number }> {
  const entries = await walkFolder(corpus);
  return { files: entries.map((entry) => entry.path), megabytes: entries.reduce((sum, entry) => sum + entry.size, 0) / 2 ** 20 };
}

/** The I/O any indexer pays: reading and hashing every file. */
async function readHashRuns(corpus: string, runs: number): Promise<ThroughputRow> {
  const { files, megabytes } = await corpusSize(corpus);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    times.push(await timeMs(async () => {
      for (const file of files) createHash('sha256').update(await readFile(file)).digest('hex');
    }));
  }
  return { label: 'baseline: read + sha256 every file', files: files.length, megabytes, runs, ms: median(times), chunks: 0 };
}

/** Median time of indexing `corpus` into a fresh index, `runs` times. */
async function indexRuns(label: string, corpus: string, runs: number, embedder?: Embedder): Promise<ThroughputRow> {
  const { files, megabytes } = await corpusSize(corpus);
  const times: number[] = [];
  let chunks = 0;
  for (let run = 0; run < runs; run++) {
    const dir = await mkdtemp(join(tmpdir(), 'trove-bench-throughput-'));
    const store = Store.open(join(dir, 'trove.db'));
    // The embedder outlives the engine (it is reused across runs): dispose only the store.
    const engine = new Engine({ store, embedder });
    times.push(await timeMs(() => engine.index([corpus])));
    process.stderr.write(`${label}: ${corpus} run ${run + 1}/${runs} ${(times.at(-1) ?? 0).toFixed(0)} ms\n`);
    chunks = store.counts().chunks;
    store.dispose();
    await rm(dir, { recursive: true, force: true });
  }
  return { label, files: files.length, megabytes, runs, ms: median(times), chunks };
}

/** The corpus is generated once per size and kept in the temp directory for later runs. */
export async function corpusOf(count: number): Promise<string> {
  const dir = join(tmpdir(), `trove-bench-mixed-${count}`);
  const done = join(dir, '.complete');
  if (!existsSync(done)) {
    await rm(dir, { recursive: true, force: true });
    await writeMixedCorpus(dir, count);
    await writeFile(done, '');
  }
  return dir;
}

export function throughputMarkdown(rows: readonly ThroughputRow[]): string {
  const lines = [
    '| files (MB) | run | runs (median) | time | files/s | MB/s | chunks/s | ratio to read + hash |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const baseline = rows.find((other) => other.files === row.files && other.chunks === 0)?.ms ?? Number.NaN;
    const seconds = row.ms / 1000;
    const chunks = row.chunks > 0 ? `${(row.chunks / seconds).toFixed(0)} (${row.chunks} chunks)` : '–';
    lines.push(
      `| ${row.files} (${row.megabytes.toFixed(1)}) | ${row.label} | ${row.runs} | ${seconds.toFixed(1)} s | ${(row.files / seconds).toFixed(0)} | ${(row.megabytes / seconds).toFixed(1)} | ${chunks} | ${(row.ms / baseline).toFixed(1)}× |`,
    );
  }
  return lines.join('\n');
}

const invokedDirectly = process.argv[1]?.endsWith('index-throughput.ts') ?? false;
if (invokedDirectly) {
  console.log(throughputMarkdown(await benchIndexThroughput()));
  // The llama runtime keeps handles open after the model is disposed; without this the script never ends.
  process.exit(0);
}
