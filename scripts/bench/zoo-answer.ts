/**
 * Grounded answers at real sizes (issue 12): the Qwen2.5-0.5B and 1.5B shapes of the model zoo (Q8_0, Qwen's
 * real tokenizer and template, random weights) answer questions over Debian's PostgreSQL manual with 8 sources,
 * 2 threads. Three sides, each in its own child process (own llama runtime, own peak memory), alternating run
 * by run so drift on a shared machine hits all alike:
 *   - `trove`: Engine.ask end to end (search, focusing, prompt, generation), the KV cache of the last prompt kept;
 *   - `trove, prompt evaluated whole`: the same with LlamaGenerator's reusePrefix off (before the cache was kept);
 *   - `node-llama-cpp alone`: LlamaChat on a fresh sequence with the same chat wrapper, on the exact messages
 *     Trove built for each question (recorded by the side before), so the prompt text is the same.
 * Time to first token is from the call (engine.ask / generateResponse) to the first streamed text; decoding
 * is stopped after DECODE_TOKENS tokens. The Trove sides then ask a follow-up turn per question, searched with
 * that question's words carried over (the engine's lexical carry-over: random weights cannot rewrite a follow-up,
 * so converse's model rewrite is not timed); the baseline has no turns.
 *
 *   npx tsx scripts/bench/zoo-answer.ts [--runs n] [--questions n] [--models qwen2.5-0.5b-instruct,...] [--no-turns]
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LlamaChat, type ChatHistoryItem } from 'node-llama-cpp';
import type { ChatMessage, GenerateOptions, GenerateStream, Generation, Generator } from '../../electron/core/answer/ports.ts';
import { Engine } from '../../electron/core/engine.ts';
import { LlamaGenerator } from '../../electron/core/models/llama-generator.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { chooseChatWrapper } from '../../native/llama/chat-wrapper.ts';
import { getLlamaRuntime } from '../../native/llama.ts';
import { ensureZooModel } from '../generate-model-zoo.ts';
import { QUESTIONS } from './answer-first-token.ts';
import { peakRssMiB, runChild } from './child-run.ts';
import { POSTGRES_DOCS } from './index-html.ts';
import { median } from './stats.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const THREADS = 2;
const SOURCES = 8;
const DECODE_TOKENS = 32;
export const ZOO_ANSWER_MODELS = ['qwen2.5-0.5b-instruct', 'qwen2.5-1.5b-instruct'] as const;
/** A follow-up per question, asked as the next turn of its conversation. */
const FOLLOW_UP = 'Can I do that from a script with psql?';

type Side = 'trove' | 'trove-whole' | 'baseline';

interface Answer {
  readonly firstTokenMs: number;
  readonly tokensPerSecond: number;
  readonly promptTokens: number;
  /** Prompt tokens llama.cpp evaluated (the rest came from the KV cache). */
  readonly evaluatedTokens: number;
  readonly sources: number;
}

interface ChildResult {
  readonly answers: Answer[];
  readonly turns: Answer[];
  /** The messages of each question's answer (trove sides), for the baseline. */
  readonly prompts: ChatMessage[][];
  readonly peakRssMiB: number;
}

interface ChildArgs {
  readonly side: Side;
  readonly model: string;
  /** The corpus's index, made once by the parent: each Trove side answers from a copy (its peak RSS is answering's, not indexing's). */
  readonly index: string;
  readonly questions: readonly string[];
  /** Also time a follow-up turn per question (Trove sides). */
  readonly turns: boolean;
  readonly prompts?: ChatMessage[][];
}

export interface SideSummary {
  readonly firstTokenMs: number;
  readonly tokensPerSecond: number;
  readonly promptTokens: number;
  readonly evaluatedTokens: number;
  readonly sources: number;
  readonly peakRssMiB: number;
  readonly turnFirstTokenMs?: number;
  readonly turnEvaluatedTokens?: number;
}

export interface ZooAnswerRow {
  readonly model: string;
  readonly runs: number;
  readonly questions: number;
  readonly sides: Readonly<Record<Side, SideSummary>>;
}

export async function benchZooAnswer(options: { runs?: number; questions?: number; models?: readonly string[]; turns?: boolean } = {}): Promise<ZooAnswerRow[]> {
  const turns = options.turns ?? true;
  const corpus = process.env.TROVE_BENCH_HTML_DIR ?? POSTGRES_DOCS;
  if (!existsSync(corpus)) throw new Error(`${corpus} is missing: apt-get install postgresql-doc-15 (or set TROVE_BENCH_HTML_DIR)`);
  const runs = Math.max(1, options.runs ?? 1);
  const questions = QUESTIONS.slice(0, Math.max(1, options.questions ?? 4));
  const rows: ZooAnswerRow[] = [];
  const indexDir = await mkdtemp(join(tmpdir(), 'trove-bench-zoo-answer-index-'));
  const index = join(indexDir, 'trove.db');
  const indexer = new Engine({ store: Store.open(index) });
  await indexer.index([corpus]);
  await indexer.dispose();
  try {
    for (const id of options.models ?? ZOO_ANSWER_MODELS) {
      // TROVE_BENCH_ZOO_VARIANT=tiny: the same run on the tiny zoo files, to check the script in seconds.
      const tiny = process.env.TROVE_BENCH_ZOO_VARIANT === 'tiny';
      const model = await ensureZooModel(id, tiny ? 'tiny' : 'real', 'Q8_0');
      const samples: Record<Side, ChildResult[]> = { trove: [], 'trove-whole': [], baseline: [] };
      for (let i = 0; i < runs; i++) {
        const side = async (args: ChildArgs): Promise<ChildResult> => {
          const result = await runChild<ChildResult>(THIS_FILE, args);
          // Each side's figures as soon as they exist: a long run that is stopped still leaves them.
          process.stderr.write(`${id} ${args.side}: ${JSON.stringify({ ...result, prompts: undefined })}\n`);
          samples[args.side].push(result);
          return result;
        };
        const whole = await side({ side: 'trove-whole', model, index, questions, turns });
        await side({ side: 'baseline', model, index, questions, turns, prompts: whole.prompts });
        await side({ side: 'trove', model, index, questions, turns });
        process.stderr.write(`${id}: run ${i + 1}/${runs} done\n`);
      }
      rows.push({ model: tiny ? `${id} (tiny)` : `${id} (Q8_0)`, runs, questions: questions.length, sides: { trove: summarise(samples.trove), 'trove-whole': summarise(samples['trove-whole']), baseline: summarise(samples.baseline) } });
    }
  } finally {
    await rm(indexDir, { recursive: true, force: true });
  }
  return rows;
}

function summarise(results: readonly ChildResult[]): SideSummary {
  const answers = results.flatMap((r) => r.answers);
  const turns = results.flatMap((r) => r.turns);
  const of = (list: readonly Answer[], key: keyof Answer) => median(list.map((a) => a[key]));
  return {
    firstTokenMs: of(answers, 'firstTokenMs'),
    tokensPerSecond: of(answers, 'tokensPerSecond'),
    promptTokens: of(answers, 'promptTokens'),
    evaluatedTokens: of(answers, 'evaluatedTokens'),
    sources: of(answers, 'sources'),
    peakRssMiB: median(results.map((r) => r.peakRssMiB)),
    ...(turns.length > 0 ? { turnFirstTokenMs: of(turns, 'firstTokenMs'), turnEvaluatedTokens: of(turns, 'evaluatedTokens') } : {}),
  };
}

export function zooAnswerMarkdown(rows: readonly ZooAnswerRow[]): string {
  const ms = (v: number) => `${Math.round(v).toLocaleString('en')} ms`;
  const ratio = (v: number, base: number) => `${(v / base).toFixed(3)}×`;
  const lines = [
    '| model | side | sources | prompt tokens (evaluated) | first token | ÷ node-llama-cpp | tokens/s | ÷ node-llama-cpp | peak RSS | follow-up turn: first token (evaluated tokens) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const names: Record<Side, string> = { baseline: 'node-llama-cpp alone, same prompt', 'trove-whole': '`Engine.ask`, prompt evaluated whole (before)', trove: '`Engine.ask`, KV cache kept (after)' };
  for (const row of rows) {
    const base = row.sides.baseline;
    for (const side of ['baseline', 'trove-whole', 'trove'] as const) {
      const s = row.sides[side];
      const turn = s.turnFirstTokenMs === undefined ? '–' : `${ms(s.turnFirstTokenMs)} (${Math.round(s.turnEvaluatedTokens ?? 0)})`;
      lines.push(
        `| ${row.model} | ${names[side]} | ${side === 'baseline' ? 'same text' : s.sources} | ${Math.round(s.promptTokens).toLocaleString('en')} (${Math.round(s.evaluatedTokens).toLocaleString('en')}) | ${ms(s.firstTokenMs)} | ${ratio(s.firstTokenMs, base.firstTokenMs)} | ` +
          `${s.tokensPerSecond.toFixed(1)} | ${ratio(s.tokensPerSecond, base.tokensPerSecond)} | ${Math.round(s.peakRssMiB).toLocaleString('en')} MiB | ${turn} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Passes everything to the LlamaGenerator and keeps the messages of each grounded answer. */
class RecordingGenerator implements Generator {
  readonly prompts: ChatMessage[][] = [];
  recording = false;

  constructor(readonly inner: LlamaGenerator) {}

  get modelId(): string {
    return this.inner.modelId;
  }
  get contextSize(): number {
    return this.inner.contextSize;
  }
  get adapters() {
    return this.inner.adapters;
  }
  countPromptTokens(messages: readonly ChatMessage[]): number {
    return this.inner.countPromptTokens(messages);
  }
  /** Called with each piece the model streams, before the engine's citation filter and abstention guard. */
  onModelToken: (() => void) | undefined;

  generate(messages: readonly ChatMessage[], options: GenerateOptions, stream?: GenerateStream): Promise<Generation> {
    if (this.recording) this.prompts.push(messages.map((m) => ({ ...m })));
    return this.inner.generate(messages, options, {
      ...stream,
      onToken: (text) => {
        this.onModelToken?.();
        stream?.onToken?.(text);
      },
    });
  }
  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

async function troveSide(args: ChildArgs): Promise<ChildResult> {
  await getLlamaRuntime({ threads: THREADS });
  const dir = await mkdtemp(join(tmpdir(), 'trove-bench-zoo-answer-'));
  const generator = new RecordingGenerator(await LlamaGenerator.load(args.model, { threads: THREADS, reusePrefix: args.side === 'trove' }));
  await copyFile(args.index, join(dir, 'trove.db'));
  const store = Store.open(join(dir, 'trove.db'));
  const engine = new Engine({ store, generator });
  try {
    await timedAsk(engine, generator, 'How do I create a table?', 1); // warm-up: page in the weights
    const answers: Answer[] = [];
    const turns: Answer[] = [];
    for (const question of args.questions) {
      generator.recording = true;
      answers.push(await timedAsk(engine, generator, question));
      generator.recording = false;
    }
    // Turns after all questions, so each side's plain answers run in the same state.
    if (args.turns) for (const question of args.questions) turns.push(await timedAsk(engine, generator, FOLLOW_UP, SOURCES, question));
    return { answers, turns, prompts: generator.prompts, peakRssMiB: peakRssMiB() };
  } finally {
    await generator.dispose();
    store.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `carried`: the earlier question's words, searched with a follow-up as conversation/standalone-query.ts carries
 * them over. The first token is the model's first streamed piece, timed from the engine.ask call: the engine's
 * abstention guard holds back a reply that opens like "The documents do not cover…" (answer/abstention.ts), and a
 * random-weight model's words often do, which would time the guard on random text instead of Trove's pipeline.
 */
async function timedAsk(engine: Engine, generator: RecordingGenerator, question: string, k = SOURCES, carried?: string): Promise<Answer> {
  const stop = new AbortController();
  let tokens = 0;
  const started = performance.now();
  let first: number | undefined;
  generator.onModelToken = () => {
    first ??= performance.now();
    if (++tokens >= DECODE_TOKENS) stop.abort();
  };
  const result = await engine.ask(question, { k, temperature: 0, ...(carried !== undefined ? { carried } : {}) }, { signal: stop.signal });
  generator.onModelToken = undefined;
  if (result.timings.firstTokenMs === null || first === undefined) throw new Error(`"${question}" was not answered by the model (${result.kind})`);
  return {
    firstTokenMs: first - started,
    tokensPerSecond: result.timings.tokensPerSecond ?? 0,
    promptTokens: result.timings.promptTokens,
    evaluatedTokens: generator.inner.lastPrompt?.evaluatedTokens ?? Number.NaN,
    sources: result.sources.length,
  };
}

/** node-llama-cpp alone: the same model, context size, threads and chat layout, a fresh sequence per answer. */
async function baselineSide(args: ChildArgs): Promise<ChildResult> {
  const runtime = await getLlamaRuntime({ threads: THREADS });
  const model = await runtime.loadModel(args.model);
  const context = await model.createContext({ contextSize: Math.min(model.trainContextSize, 4096), threads: THREADS });
  const wrapper = chooseChatWrapper(model);
  const answerOnce = async (messages: readonly ChatMessage[]): Promise<Answer> => {
    const chat = new LlamaChat({ contextSequence: context.getSequence(), chatWrapper: wrapper, autoDisposeSequence: true });
    const history: ChatHistoryItem[] = [...messages.map((m): ChatHistoryItem => ({ type: m.role, text: m.text })), { type: 'model', response: [] }];
    const started = performance.now();
    let first: number | undefined;
    let promptTokens = 0;
    await chat.generateResponse(history, {
      maxTokens: DECODE_TOKENS,
      temperature: 0,
      onToken: () => void (promptTokens ||= chat.sequence.contextTokens.length),
      onTextChunk: () => void (first ??= performance.now()),
    });
    const ended = performance.now();
    const tokens = chat.sequence.tokenMeter.usedOutputTokens;
    chat.dispose({ disposeSequence: true });
    const firstAt = first ?? ended;
    return { firstTokenMs: firstAt - started, tokensPerSecond: tokens > 1 ? (tokens - 1) / ((ended - firstAt) / 1000) : 0, promptTokens, evaluatedTokens: promptTokens, sources: 0 };
  };
  try {
    const prompts = args.prompts ?? [];
    const warm = prompts[0];
    if (warm !== undefined) await answerOnce(warm);
    const answers: Answer[] = [];
    for (const messages of prompts) answers.push(await answerOnce(messages));
    return { answers, turns: [], prompts: [], peakRssMiB: peakRssMiB() };
  } finally {
    await context.dispose();
    await model.dispose();
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === THIS_FILE;
if (invokedDirectly) {
  const { values } = parseArgs({
    options: { child: { type: 'string' }, out: { type: 'string' }, runs: { type: 'string' }, questions: { type: 'string' }, models: { type: 'string' }, 'no-turns': { type: 'boolean' } },
  });
  if (values.child !== undefined) {
    const args = JSON.parse(values.child) as ChildArgs;
    const result = args.side === 'baseline' ? await baselineSide(args) : await troveSide(args);
    await writeFile(values.out as string, JSON.stringify(result));
  } else {
    const { describeMachine } = await import('./machine.ts');
    const rows = await benchZooAnswer({
      runs: values.runs === undefined ? undefined : Number(values.runs),
      questions: values.questions === undefined ? undefined : Number(values.questions),
      models: values.models?.split(','),
      turns: values['no-turns'] !== true,
    });
    console.log(`Machine: ${describeMachine()}\n`);
    console.log(zooAnswerMarkdown(rows));
    console.log(`\n${JSON.stringify(rows)}`);
  }
  // The llama runtime keeps the event loop alive: end explicitly.
  process.exit(0);
}
