/**
 * Time to the first answer token on a CPU, for issue 11's example: the model zoo's Qwen2.5-0.5B-Instruct shape
 * (qwen2, Qwen's tokenizer and template, random weights, Q8_0; scripts/gguf/zoo) answering plain questions over Debian's PostgreSQL manual through
 * `Engine.ask`, 2 threads, the default answer reserve. Records per answer the prompt tokens, the time to the
 * first token and the decode speed (generation is stopped after a few tokens: the prompt is what this measures).
 *
 * Before/after in one run: with `--baseline <rev>` the same measurement also runs on a temporary git worktree
 * of that revision (node_modules symlinked), alternating with the current tree, run by run. Each side runs in its
 * own child process (a fresh llama runtime, its own temporary index), loading the engine from its own tree.
 *
 *   npx tsx scripts/bench/answer-first-token.ts [--baseline <rev>] [--runs <n>] [--questions <n>]
 *   (--questions n: only the first n questions, for a quicker look on a busy machine)
 *   (in `npm run bench`: the current tree only, unless TROVE_BENCH_BASELINE=<rev>)
 *
 * Needs `apt-get install postgresql-doc-15` (or TROVE_BENCH_HTML_DIR). Generating the model takes about a minute
 * the first time; each answer then takes about a minute on a 2-core machine.
 */
import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { Engine } from '../../electron/core/engine.ts';
import type { openEngine as OpenEngine } from '../../electron/core/open-engine.ts';
import { POSTGRES_DOCS } from './index-html.ts';
import { describeMachine } from './machine.ts';
import { ensureZooModel } from '../generate-model-zoo.ts';
import { median } from './stats.ts';

const run = promisify(execFile);
const THIS_FILE = fileURLToPath(import.meta.url);
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const THREADS = 2;
/** Tokens generated before the answer is stopped: enough for a decode speed, few enough to keep runs short. */
const DECODE_TOKENS = 16;

/** Questions people ask of a database manual, in their words; the first is issue 11's example. */
export const QUESTIONS: readonly string[] = [
  'How do I create an index without locking the table?',
  'How can I change the password of a user?',
  'What does VACUUM do and when should I run it?',
  'How do I make a backup of a database?',
  'How do I raise the maximum number of connections?',
  'How do I format a date as text?',
];

export interface AnswerTiming {
  readonly question: string;
  readonly promptTokens: number;
  readonly firstTokenMs: number;
  readonly tokensPerSecond: number;
  readonly sources: number;
}

export interface TreeMeasure {
  /** `current` or the baseline revision as given, with its commit. */
  readonly label: string;
  readonly commit: string;
  /** Per question, the median over runs. */
  readonly answers: readonly AnswerTiming[];
  readonly promptTokens: number;
  readonly firstTokenMs: number;
  readonly tokensPerSecond: number;
}

export interface AnswerFirstTokenOptions {
  /** A git revision to measure next to the current tree. */
  readonly baseline?: string;
  /** Passes over the questions per side. Default 1. */
  readonly runs?: number;
  /** Only the first n questions. Default all. */
  readonly questions?: number;
}

export interface AnswerFirstTokenResult {
  readonly corpus: string;
  readonly model: string;
  readonly threads: number;
  readonly runs: number;
  readonly machine: string;
  readonly current: TreeMeasure;
  readonly baseline?: TreeMeasure;
}

export async function benchAnswerFirstToken(options: AnswerFirstTokenOptions = {}): Promise<AnswerFirstTokenResult> {
  const corpus = process.env.TROVE_BENCH_HTML_DIR ?? POSTGRES_DOCS;
  if (!existsSync(corpus)) throw new Error(`${corpus} is missing: apt-get install postgresql-doc-15 (or set TROVE_BENCH_HTML_DIR)`);
  const model = await ensureZooModel('qwen2.5-0.5b-instruct', 'real', 'Q8_0');
  const runs = Math.max(1, options.runs ?? 1);
  const questions = QUESTIONS.slice(0, Math.max(1, options.questions ?? QUESTIONS.length));
  const baselineTree = options.baseline === undefined ? undefined : await checkout(options.baseline);
  try {
    const samples = { current: [] as AnswerTiming[][], baseline: [] as AnswerTiming[][] };
    for (let i = 0; i < runs; i++) {
      // Alternating sides, so drift on a shared machine hits both alike.
      if (baselineTree) samples.baseline.push(await measureInChild(baselineTree.root, model, corpus, questions.length));
      samples.current.push(await measureInChild(PROJECT_ROOT, model, corpus, questions.length));
    }
    return {
      corpus,
      model,
      threads: THREADS,
      runs,
      machine: describeMachine(),
      current: summarise('current', await commitOf(PROJECT_ROOT, 'HEAD'), questions, samples.current),
      baseline: baselineTree && summarise(baselineTree.rev, baselineTree.commit, questions, samples.baseline),
    };
  } finally {
    if (baselineTree) await run('git', ['-C', PROJECT_ROOT, 'worktree', 'remove', '--force', baselineTree.root]);
  }
}

export function answerFirstTokenMarkdown(result: AnswerFirstTokenResult): string {
  const { current, baseline } = result;
  const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;
  const lines = [
    `Model: Qwen2.5-0.5B's shape, random weights, F32 (generated); ${result.threads} threads; corpus ${result.corpus}; ` +
      `${current.answers.length} questions × ${result.runs} run(s), medians. Machine: ${result.machine}`,
    '',
    '| tree | prompt tokens | first token | decode tokens/s |',
    '|---|---:|---:|---:|',
  ];
  const row = (m: TreeMeasure) => `| ${m.label} (${m.commit.slice(0, 7)}) | ${m.promptTokens.toLocaleString('en')} | ${ms(m.firstTokenMs)} | ${m.tokensPerSecond.toFixed(1)} |`;
  if (baseline) lines.push(row(baseline));
  lines.push(row(current));
  if (baseline) {
    lines.push(
      `| current ÷ baseline | ${(current.promptTokens / baseline.promptTokens).toFixed(2)}× | ${(current.firstTokenMs / baseline.firstTokenMs).toFixed(2)}× ` +
        `(${(baseline.firstTokenMs / current.firstTokenMs).toFixed(2)}× as fast) | ${(current.tokensPerSecond / baseline.tokensPerSecond).toFixed(2)}× |`,
    );
  }
  lines.push('', '| question | prompt tokens | first token |' + (baseline ? ' baseline prompt tokens | baseline first token |' : ''), baseline ? '|---|---:|---:|---:|---:|' : '|---|---:|---:|');
  current.answers.forEach((answer, i) => {
    const before = baseline?.answers[i];
    lines.push(
      `| ${answer.question} | ${answer.promptTokens.toLocaleString('en')} | ${ms(answer.firstTokenMs)} |` +
        (before ? ` ${before.promptTokens.toLocaleString('en')} | ${ms(before.firstTokenMs)} |` : ''),
    );
  });
  return lines.join('\n');
}

function summarise(label: string, commit: string, questions: readonly string[], runs: readonly AnswerTiming[][]): TreeMeasure {
  const answers = questions.map((question, i): AnswerTiming => {
    const samples = runs.map((answers) => answers[i] as AnswerTiming);
    return {
      question,
      promptTokens: median(samples.map((s) => s.promptTokens)),
      firstTokenMs: median(samples.map((s) => s.firstTokenMs)),
      tokensPerSecond: median(samples.map((s) => s.tokensPerSecond)),
      sources: median(samples.map((s) => s.sources)),
    };
  });
  return {
    label,
    commit,
    answers,
    promptTokens: median(answers.map((a) => a.promptTokens)),
    firstTokenMs: median(answers.map((a) => a.firstTokenMs)),
    tokensPerSecond: median(answers.map((a) => a.tokensPerSecond)),
  };
}

/** A temporary worktree of `rev` sharing this tree's node_modules. */
async function checkout(rev: string): Promise<{ root: string; rev: string; commit: string }> {
  const commit = await commitOf(PROJECT_ROOT, rev);
  const root = await mkdtemp(join(tmpdir(), 'trove-bench-baseline-'));
  await run('git', ['-C', PROJECT_ROOT, 'worktree', 'add', '--detach', root, commit]);
  await symlink(realpathSync(join(PROJECT_ROOT, 'node_modules')), join(root, 'node_modules'));
  return { root, rev, commit };
}

async function commitOf(root: string, rev: string): Promise<string> {
  return (await run('git', ['-C', root, 'rev-parse', '--verify', `${rev}^{commit}`])).stdout.trim();
}

/** Runs `measure` for the engine in `root` in a child process (this file, `--measure`), from that tree. */
async function measureInChild(root: string, model: string, corpus: string, questions: number): Promise<AnswerTiming[]> {
  const out = join(await mkdtemp(join(tmpdir(), 'trove-bench-answer-')), 'result.json');
  try {
    await run(process.execPath, ['--import', 'tsx', THIS_FILE, '--measure', root, '--model', model, '--corpus', corpus, '--questions', String(questions), '--out', out], {
      cwd: root,
      maxBuffer: 2 ** 24,
    });
    return JSON.parse(await readFile(out, 'utf8')) as AnswerTiming[];
  } finally {
    await rm(join(out, '..'), { recursive: true, force: true });
  }
}

/** In the child: indexes the corpus with `root`'s engine into a temporary data dir and asks the questions once. */
async function measure(root: string, model: string, corpus: string, questions: readonly string[]): Promise<AnswerTiming[]> {
  // Loaded from the tree being measured (plain public API: openEngine, index, ask), not from this file's tree.
  const { openEngine } = (await import(pathToFileURL(join(root, 'electron/core/open-engine.ts')).href)) as { openEngine: typeof OpenEngine };
  const dataDir = await mkdtemp(join(tmpdir(), 'trove-bench-answer-data-'));
  const engine = await openEngine({ dataDir, threads: THREADS, answerModels: { chatModelPath: model, adapters: [] } });
  try {
    await engine.index([corpus]);
    // Warm-up (page cache, first context use), with a short prompt: one passage.
    await ask(engine, 'How do I create a table?', 1);
    const timings: AnswerTiming[] = [];
    for (const question of questions) timings.push(await ask(engine, question));
    return timings;
  } finally {
    await engine.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function ask(engine: Engine, question: string, k?: number): Promise<AnswerTiming> {
  const stop = new AbortController();
  let tokens = 0;
  const result = await engine.ask(question, { k, temperature: 0 }, { signal: stop.signal, onToken: () => void (++tokens >= DECODE_TOKENS && stop.abort()) });
  if (result.kind !== 'generated' || result.timings.firstTokenMs === null) throw new Error(`"${question}" was not answered by the model (${result.kind})`);
  return {
    question,
    promptTokens: result.timings.promptTokens,
    firstTokenMs: result.timings.firstTokenMs,
    tokensPerSecond: result.timings.tokensPerSecond ?? 0,
    sources: result.sources.length,
  };
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === THIS_FILE;
if (invokedDirectly) {
  const { values } = parseArgs({
    options: {
      baseline: { type: 'string' },
      runs: { type: 'string' },
      measure: { type: 'string' },
      model: { type: 'string' },
      corpus: { type: 'string' },
      out: { type: 'string' },
      questions: { type: 'string' },
    },
  });
  const questions = values.questions === undefined ? undefined : Number(values.questions);
  if (values.measure !== undefined) {
    const timings = await measure(values.measure, values.model as string, values.corpus as string, QUESTIONS.slice(0, questions ?? QUESTIONS.length));
    await writeFile(values.out as string, JSON.stringify(timings));
  } else {
    const result = await benchAnswerFirstToken({ baseline: values.baseline, runs: values.runs === undefined ? undefined : Number(values.runs), questions });
    console.log(answerFirstTokenMarkdown(result));
    console.log(`\n${JSON.stringify(result)}`);
  }
  // The llama runtime keeps the event loop alive: end explicitly.
  process.exit(0);
}
