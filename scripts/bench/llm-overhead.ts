/**
 * Trove's generation overhead: time to first token and decode speed through Trove's generator (chat template
 * formatting, exact prompt count, citation-checking stream) next to the same model and prompt driven directly
 * through node-llama-cpp (LlamaChat on a context of the same size and threads). Runs alternate A/B so drift
 * on the machine hits both sides alike; medians are reported.
 *
 *   npx tsx scripts/bench/llm-overhead.ts        (also part of `npm run bench`)
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LlamaChat, resolveChatWrapper, type ChatHistoryItem, type LlamaContext } from 'node-llama-cpp';
import { CitationStreamFilter } from '../../electron/core/answer/citations.ts';
import type { ChatMessage } from '../../electron/core/answer/ports.ts';
import { groundedMessages } from '../../electron/core/answer/prompt.ts';
import { LlamaGenerator } from '../../electron/core/models/llama-generator.ts';
import { disposeLlamaRuntime, getLlamaRuntime, type LlamaModel } from '../../native/llama.ts';
import { ensureTestModels } from '../generate-test-models.ts';
import { median } from './stats.ts';

export interface LlmOverheadRow {
  readonly model: string;
  readonly threads: number;
  readonly promptTokens: number;
  readonly answerTokens: number;
  readonly baseline: { readonly firstTokenMs: number; readonly tokensPerSecond: number };
  readonly trove: { readonly firstTokenMs: number; readonly tokensPerSecond: number };
  /**
   * Trove's own work per answer, timed alone: formatting + counting the prompt and filtering the streamed text.
   * On a busy machine the end-to-end medians swing more than this; it bounds what Trove adds.
   */
  readonly troveWorkMs: number;
}

const RUNS = 9;
const MAX_TOKENS = 128;
/** Room for the ~550-token prompt (tiny vocabularies spend many tokens on it) plus the answer, untruncated. */
const CONTEXT = 1024;
/**
 * Threads for both sides. 1 by default: on a small, shared machine multi-threaded decoding of tiny models
 * measures scheduler contention, not code; TROVE_BENCH_THREADS overrides.
 */
const THREADS = Number(process.env.TROVE_BENCH_THREADS ?? 1);

/** A realistic grounded prompt: three short numbered sources and a question. */
const MESSAGES: ChatMessage[] = groundedMessages('How many vacation days do employees get, and do unused days carry over?', [
  { n: 1, path: '/docs/handbook/vacation.md', startLine: 3, endLine: 6, page: null, heading: 'Vacation policy', text: 'Employees accrue twenty days of paid vacation per year. Unused vacation days carry over until March.' },
  { n: 2, path: '/docs/handbook/expenses.md', startLine: 1, endLine: 2, page: null, heading: 'Expenses', text: 'Submit receipts for reimbursement within thirty days.' },
  { n: 3, path: '/docs/notes/meeting.txt', startLine: 3, endLine: 3, page: null, heading: '', text: 'The quarterly roadmap review moved to Thursday.' },
]);

interface Sample {
  firstTokenMs: number;
  tokensPerSecond: number;
  tokens: number;
}

/** node-llama-cpp alone: the same chat wrapper, context size, threads and greedy settings. */
async function baselineRun(model: LlamaModel, context: LlamaContext): Promise<Sample> {
  const chat = new LlamaChat({ contextSequence: context.getSequence(), chatWrapper: resolveChatWrapper(model), autoDisposeSequence: true });
  const history: ChatHistoryItem[] = [...MESSAGES.map((m): ChatHistoryItem => ({ type: m.role, text: m.text })), { type: 'model', response: [] }];
  const started = performance.now();
  let first: number | undefined;
  await chat.generateResponse(history, { maxTokens: MAX_TOKENS, temperature: 0, onTextChunk: () => void (first ??= performance.now()) });
  const ended = performance.now();
  const tokens = chat.sequence.tokenMeter.usedOutputTokens;
  chat.dispose({ disposeSequence: true });
  return sample(started, first, ended, tokens);
}

/** Trove's path: LlamaGenerator.generate with the answer stream's citation filter. */
async function troveRun(generator: LlamaGenerator): Promise<Sample> {
  const filter = new CitationStreamFilter(3, () => {});
  const started = performance.now();
  const result = await generator.generate(MESSAGES, { maxTokens: MAX_TOKENS, temperature: 0 }, { onToken: (text) => filter.push(text) });
  filter.finish();
  const first = result.firstTokenMs === undefined ? undefined : started + result.firstTokenMs;
  return sample(started, first, first === undefined ? started : first + result.decodeMs, result.completionTokens);
}

function sample(started: number, first: number | undefined, ended: number, tokens: number): Sample {
  const firstAt = first ?? ended;
  return { firstTokenMs: firstAt - started, tokensPerSecond: tokens > 1 ? (tokens - 1) / ((ended - firstAt) / 1000) : 0, tokens };
}

export async function benchLlmOverhead(modelPaths: readonly string[], threads = THREADS): Promise<LlmOverheadRow[]> {
  await getLlamaRuntime({ threads });
  const rows: LlmOverheadRow[] = [];
  for (const path of modelPaths) {
    // One load of the weights serves both sides; each side makes its own context, as it does in use.
    const generator = await LlamaGenerator.load(path, { contextSize: CONTEXT, threads });
    const model = generator.baseModel;
    const base: Sample[] = [];
    const trove: Sample[] = [];
    // Like Trove's generator, the baseline keeps one context and takes a fresh sequence per answer.
    const context = await model.createContext({ contextSize: CONTEXT, threads });
    await baselineRun(model, context); // warm-up: page in the weights, JIT both paths
    await troveRun(generator);
    for (let i = 0; i < RUNS; i++) {
      base.push(await baselineRun(model, context));
      trove.push(await troveRun(generator));
    }
    await context.dispose();
    const answerText = (await generator.generate(MESSAGES, { maxTokens: MAX_TOKENS, temperature: 0 })).text;
    const work: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      generator.countPromptTokens(MESSAGES);
      const filter = new CitationStreamFilter(3);
      for (const piece of answerText.match(/.{1,4}/gsu) ?? []) filter.push(piece);
      filter.finish();
      work.push(performance.now() - started);
    }
    rows.push({
      model: basename(path),
      threads,
      promptTokens: generator.countPromptTokens(MESSAGES),
      answerTokens: median(trove.map((s) => s.tokens)),
      baseline: { firstTokenMs: median(base.map((s) => s.firstTokenMs)), tokensPerSecond: median(base.map((s) => s.tokensPerSecond)) },
      trove: { firstTokenMs: median(trove.map((s) => s.firstTokenMs)), tokensPerSecond: median(trove.map((s) => s.tokensPerSecond)) },
      troveWorkMs: median(work),
    });
    await generator.dispose();
  }
  await disposeLlamaRuntime();
  return rows;
}

/** The generated tiny model, stories260K when present, and chat models in TROVE_MODELS_DIR. */
export async function llmBenchModels(): Promise<string[]> {
  const paths = [(await ensureTestModels()).model];
  const stories = '/work/shared/models/stories260K.gguf';
  if (existsSync(stories)) paths.push(stories);
  const dir = process.env.TROVE_MODELS_DIR;
  if (dir && existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.gguf') && !/embed|rerank|lora|adapter/i.test(name)) paths.push(join(dir, name));
    }
  }
  return paths;
}

export function llmOverheadMarkdown(rows: readonly LlmOverheadRow[]): string {
  const pct = (trove: number, base: number) => `${(((trove - base) / base) * 100).toFixed(1)}%`;
  const lines = [
    `| model | threads | prompt / answer tokens | first token: node-llama-cpp → Trove | overhead | tokens/s: node-llama-cpp → Trove | overhead | Trove's own work per answer (share of node-llama-cpp's time) |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.model} | ${r.threads} | ${r.promptTokens} / ${r.answerTokens} | ${r.baseline.firstTokenMs.toFixed(1)} → ${r.trove.firstTokenMs.toFixed(1)} ms | ` +
        `${pct(r.trove.firstTokenMs, r.baseline.firstTokenMs)} | ${r.baseline.tokensPerSecond.toFixed(0)} → ${r.trove.tokensPerSecond.toFixed(0)} | ` +
        `${pct(r.baseline.tokensPerSecond, r.trove.tokensPerSecond)} | ${r.troveWorkMs.toFixed(2)} ms (${((r.troveWorkMs / (r.baseline.firstTokenMs + ((r.answerTokens - 1) / r.baseline.tokensPerSecond) * 1000)) * 100).toFixed(2)}%) |`,
    );
  }
  return lines.join('\n');
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const { describeMachine } = await import('./machine.ts');
  console.log(`Machine: ${describeMachine()}\n`);
  console.log(`### Answer generation: Trove vs node-llama-cpp directly (median of ${RUNS}, ${MAX_TOKENS} tokens max, greedy)\n`);
  console.log(llmOverheadMarkdown(await benchLlmOverhead(await llmBenchModels())));
}
