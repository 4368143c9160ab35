/**
 * Indexing with a real-sized embedder (issue 12): the generated folder of mixed files (mixed-corpus.ts, 1,000 by
 * default: TROVE_BENCH_ZOO_FILES) indexed through `Engine.index` with the model zoo's bge-small-en-v1.5 shape
 * (bert, 12 layers × 384, WordPiece vocabulary, CLS pooling, Q8_0, random weights), next to node-llama-cpp
 * alone embedding exactly the texts Trove embedded (recorded by the Trove side), tokenized and truncated the
 * same way, on an embedding context of the same size, batch and threads. Each side runs in its own child
 * process (own llama runtime, own peak RSS), alternating run by run (TROVE_BENCH_RUNS, default 1).
 *
 * Before that, a short sweep on the first TROVE_BENCH_SWEEP_CHUNKS recorded texts (default 150) times
 * node-llama-cpp alone at 1 and 2 threads, to choose the thread count from a measurement.
 *
 *   npx tsx scripts/bench/zoo-index.ts
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Engine } from '../../electron/core/engine.ts';
import { LlamaEmbedder } from '../../electron/core/models/llama-embedder.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import type { Embedder } from '../../electron/core/types.ts';
import { getLlamaRuntime } from '../../native/llama.ts';
import { ensureZooModel } from '../generate-model-zoo.ts';
import { peakRssMiB, runChild } from './child-run.ts';
import { corpusOf } from './index-throughput.ts';
import { median } from './stats.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const MODEL_ID = 'bge-small-en-v1.5';

interface ChildArgs {
  readonly side: 'trove' | 'baseline';
  readonly model: string;
  readonly threads: number;
  readonly corpus?: string;
  /** Baseline: a JSON file of the texts to embed, and how many of them. */
  readonly textsFile?: string;
  readonly limit?: number;
}

interface ChildResult {
  readonly ms: number;
  readonly chunks: number;
  /** Trove: time spent inside the embedder's embedDocuments (the rest is the pipeline around it). */
  readonly embedMs: number;
  readonly peakRssMiB: number;
  /** Trove: where the embedded texts were written. */
  readonly textsFile?: string;
}

export interface ZooIndexResult {
  readonly model: string;
  readonly files: number;
  readonly chunks: number;
  readonly runs: number;
  readonly threads: number;
  readonly sweep: readonly { readonly threads: number; readonly chunks: number; readonly chunksPerSecond: number }[];
  readonly trove: { readonly ms: number; readonly embedMs: number; readonly peakRssMiB: number };
  readonly baseline: { readonly ms: number; readonly peakRssMiB: number };
}

export async function benchZooIndex(): Promise<ZooIndexResult> {
  const files = Number(process.env.TROVE_BENCH_ZOO_FILES ?? 1000);
  const runs = Math.max(1, Number(process.env.TROVE_BENCH_RUNS ?? 1));
  const sweepChunks = Number(process.env.TROVE_BENCH_SWEEP_CHUNKS ?? 150);
  const tiny = process.env.TROVE_BENCH_ZOO_VARIANT === 'tiny';
  const model = await ensureZooModel(MODEL_ID, tiny ? 'tiny' : 'real', 'Q8_0');
  const corpus = await corpusOf(files);
  const recorded: string[] = [];
  try {
    // The texts Trove embeds, recorded once at the default thread count, for the sweep.
    const first = await runChild<ChildResult>(THIS_FILE, { side: 'trove', model, threads: 2, corpus } satisfies ChildArgs);
    const textsFile = first.textsFile as string;
    recorded.push(textsFile);
    const sweep = [];
    for (const threads of [1, 2]) {
      const r = await runChild<ChildResult>(THIS_FILE, { side: 'baseline', model, threads, textsFile, limit: sweepChunks } satisfies ChildArgs);
      sweep.push({ threads, chunks: r.chunks, chunksPerSecond: r.chunks / (r.ms / 1000) });
    }
    const threads = sweep.reduce((best, s) => (s.chunksPerSecond > best.chunksPerSecond ? s : best)).threads;
    const trove: ChildResult[] = [];
    const baseline: ChildResult[] = [];
    for (let i = 0; i < runs; i++) {
      // The first Trove run counts when it ran at the chosen thread count.
      const t = i === 0 && threads === 2 ? first : await runChild<ChildResult>(THIS_FILE, { side: 'trove', model, threads, corpus } satisfies ChildArgs);
      trove.push(t);
      if (t.textsFile !== undefined) recorded.push(t.textsFile);
      baseline.push(await runChild<ChildResult>(THIS_FILE, { side: 'baseline', model, threads, textsFile } satisfies ChildArgs));
      process.stderr.write(`zoo index: run ${i + 1}/${runs}: Trove ${t.ms.toFixed(0)} ms, node-llama-cpp ${(baseline.at(-1)?.ms ?? 0).toFixed(0)} ms\n`);
    }
    return {
      model: tiny ? `${MODEL_ID} (tiny)` : `${MODEL_ID} (Q8_0)`,
      files,
      chunks: first.chunks,
      runs,
      threads,
      sweep,
      trove: { ms: median(trove.map((r) => r.ms)), embedMs: median(trove.map((r) => r.embedMs)), peakRssMiB: median(trove.map((r) => r.peakRssMiB)) },
      baseline: { ms: median(baseline.map((r) => r.ms)), peakRssMiB: median(baseline.map((r) => r.peakRssMiB)) },
    };
  } finally {
    for (const file of recorded) await rm(file, { force: true });
  }
}

export function zooIndexMarkdown(r: ZooIndexResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const rate = (ms: number) => (r.chunks / (ms / 1000)).toFixed(1);
  return [
    `${r.files.toLocaleString('en')} files, ${r.chunks.toLocaleString('en')} chunks, ${r.model}, ${r.threads} thread(s), median of ${r.runs}.`,
    '',
    '| run | time | chunks/s | ratio to node-llama-cpp | peak RSS |',
    '|---|---:|---:|---:|---:|',
    `| node-llama-cpp alone, the same chunk texts | ${s(r.baseline.ms)} | ${rate(r.baseline.ms)} | 1.000× | ${Math.round(r.baseline.peakRssMiB)} MiB |`,
    `| \`Engine.index\` (walk, read, extract, chunk, embed, write) | ${s(r.trove.ms)} | ${rate(r.trove.ms)} | ${(r.trove.ms / r.baseline.ms).toFixed(3)}× | ${Math.round(r.trove.peakRssMiB)} MiB |`,
    `| of which inside \`LlamaEmbedder.embedDocuments\` | ${s(r.trove.embedMs)} | ${rate(r.trove.embedMs)} | ${(r.trove.embedMs / r.baseline.ms).toFixed(3)}× | |`,
    '',
    `Threads, node-llama-cpp alone on the first ${r.sweep[0]?.chunks ?? 0} texts: ${r.sweep.map((x) => `${x.threads} → ${x.chunksPerSecond.toFixed(1)} chunks/s`).join(', ')}.`,
  ].join('\n');
}

/** Passes everything to the LlamaEmbedder, timing and recording what it embeds for documents. */
class RecordingEmbedder implements Embedder {
  readonly texts: string[] = [];
  embedMs = 0;

  constructor(private readonly inner: LlamaEmbedder) {}

  get modelId(): string {
    return this.inner.modelId;
  }
  get dimensions(): number {
    return this.inner.dimensions;
  }
  async embedDocuments(texts: readonly string[]): Promise<Float32Array[]> {
    const started = performance.now();
    const vectors = await this.inner.embedDocuments(texts);
    this.embedMs += performance.now() - started;
    for (const text of texts) this.texts.push(this.inner.prefixes.document + text);
    return vectors;
  }
  embedQuery(text: string): Promise<Float32Array> {
    return this.inner.embedQuery(text);
  }
  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

async function troveSide(args: ChildArgs): Promise<ChildResult> {
  await getLlamaRuntime({ threads: args.threads });
  const embedder = new RecordingEmbedder(await LlamaEmbedder.load(args.model, { threads: args.threads }));
  const dir = await mkdtemp(join(tmpdir(), 'trove-bench-zoo-index-run-'));
  const store = Store.open(join(dir, 'trove.db'));
  try {
    const engine = new Engine({ store, embedder });
    const started = performance.now();
    await engine.index([args.corpus as string]);
    const ms = performance.now() - started;
    const chunks = store.counts().chunks;
    const textsFile = join(tmpdir(), `trove-bench-zoo-texts-${process.pid}.json`);
    await writeFile(textsFile, JSON.stringify(embedder.texts));
    return { ms, chunks, embedMs: embedder.embedMs, peakRssMiB: peakRssMiB(), textsFile };
  } finally {
    store.dispose();
    await embedder.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

/** node-llama-cpp alone: the same model, context, batch and threads as LlamaEmbedder, one text at a time. */
async function baselineSide(args: ChildArgs): Promise<ChildResult> {
  const texts = (JSON.parse(await readFile(args.textsFile as string, 'utf8')) as string[]).slice(0, args.limit);
  const runtime = await getLlamaRuntime({ threads: args.threads });
  const model = await runtime.loadModel(args.model);
  const contextSize = Math.min(model.trainContextSize, 4096);
  const context = await model.createEmbeddingContext({ contextSize, batchSize: contextSize, threads: args.threads });
  try {
    const started = performance.now();
    for (const text of texts) {
      // As LlamaEmbedder does (node-llama-cpp refuses inputs as long as the context): truncate, then embed.
      const tokens = model.tokenize(text).slice(0, contextSize - 4);
      await context.getEmbeddingFor(tokens);
    }
    return { ms: performance.now() - started, chunks: texts.length, embedMs: 0, peakRssMiB: peakRssMiB() };
  } finally {
    await context.dispose();
    await model.dispose();
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === THIS_FILE;
if (invokedDirectly) {
  const { values } = parseArgs({ options: { child: { type: 'string' }, out: { type: 'string' } } });
  if (values.child !== undefined) {
    const args = JSON.parse(values.child) as ChildArgs;
    await writeFile(values.out as string, JSON.stringify(args.side === 'trove' ? await troveSide(args) : await baselineSide(args)));
  } else {
    const { describeMachine } = await import('./machine.ts');
    const result = await benchZooIndex();
    console.log(`Machine: ${describeMachine()}\n`);
    console.log(zooIndexMarkdown(result));
    console.log(`\n${JSON.stringify(result)}`);
  }
  // The llama runtime keeps the event loop alive: end explicitly.
  process.exit(0);
}
