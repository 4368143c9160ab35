/**
 * `trove eval`: evaluates one or more configurations ("variants") on a dataset. A BEIR corpus is written to
 * files and indexed into a throwaway data directory per variant, so the real pipeline is measured and the
 * user's own index is never touched. A Trove dataset that names its corpus is indexed the same way; one that
 * does not is evaluated against the user's index, and variants that change indexing (chunk size, embedding
 * model) re-index the user's folders into a throwaway directory. Answers are evaluated with a chat model when
 * one is given; without one, for a Trove dataset, the decisions alone (answer or decline).
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Engine } from '../engine.ts';
import { openEngine } from '../open-engine.ts';
import type { ChunkingOptions } from '../types.ts';
import type { LoraAdapterSpec } from '../../../native/llama.ts';
import { evaluateAnswers, type AnswerEvalResult } from './answer-eval.ts';
import { materializeCorpus } from './beir.ts';
import { pairedDifference, runToRunNoise, type PairedDifference } from './compare.ts';
import { evaluateFollowUps, type StandaloneQuery } from './conversation-eval.ts';
import type { EvalDataset } from './dataset.ts';
import { searchInMode, type EvalMode } from './eval-modes.ts';
import { evaluateRetrieval, RETRIEVAL_METRICS, type ModeResult, type RetrievalMetric } from './retrieval-eval.ts';

export interface EvalVariant {
  readonly name: string;
  readonly chunking?: ChunkingOptions;
  readonly embedModelPath?: string;
  /** LoRA adapters on the chat model (answers only). */
  readonly adapters?: readonly LoraAdapterSpec[];
  readonly rerankModelPath?: string;
  /** BM25 matches scored per query before common terms only re-score (search/bm25-plan.ts). */
  readonly postingsBudget?: number;
}

export interface AnswerEvalOptions {
  /** The chat model; for a Trove dataset the remembered one is used when not given. */
  readonly chatModelPath?: string;
  readonly maxAnswerTokens?: number;
}

export interface EvalRunOptions {
  readonly dataset: EvalDataset;
  readonly modes: readonly EvalMode[];
  readonly variants?: readonly EvalVariant[];
  /** The user's data directory (Trove datasets are evaluated against it). */
  readonly dataDir: string;
  /** Runs of each variant, to measure run-to-run noise (retrieval is deterministic: 1 is enough). */
  readonly repeat?: number;
  readonly threads?: number;
  /** Also evaluate answers (needs a chat model). */
  readonly answers?: AnswerEvalOptions;
  readonly rerankModelPath?: string;
  readonly onProgress?: (message: string) => void;
}

export interface VariantResult {
  readonly name: string;
  readonly config: {
    readonly chunking?: ChunkingOptions;
    readonly embedModel?: string;
    readonly adapters?: readonly LoraAdapterSpec[];
    readonly reranker?: string;
    readonly postingsBudget?: number;
  };
  readonly modes: Partial<Record<EvalMode, ModeResult>>;
  readonly skipped: readonly { readonly mode: EvalMode; readonly reason: string }[];
  readonly indexSeconds?: number;
  /** Per mode and metric, the run-to-run noise over `repeat` runs. */
  readonly noise: Partial<Record<EvalMode, Record<RetrievalMetric, number>>>;
  readonly answers?: AnswerEvalResult;
}

export interface VariantComparison {
  readonly baseline: string;
  readonly variant: string;
  readonly mode: EvalMode;
  readonly metrics: Record<RetrievalMetric, PairedDifference>;
}

export interface AnswerComparison {
  readonly baseline: string;
  readonly variant: string;
  readonly metrics: Partial<Record<'decisionCorrect' | 'overlapF1', PairedDifference>>;
}

export interface EvalReport {
  readonly dataset: { readonly name: string; readonly kind: string; readonly questions: number };
  readonly createdAt: string;
  readonly variants: readonly VariantResult[];
  readonly comparisons: readonly VariantComparison[];
  readonly answerComparisons: readonly AnswerComparison[];
}

export async function runEval(options: EvalRunOptions): Promise<EvalReport> {
  const variants = options.variants && options.variants.length > 0 ? options.variants : [{ name: 'default' }];
  const log = options.onProgress ?? (() => undefined);
  const scratch = await mkdtemp(join(tmpdir(), 'trove-eval-'));
  try {
    let corpus: string | undefined;
    let dataset = options.dataset;
    if (dataset.corpusFolder) {
      log(`writing the ${dataset.name} corpus to files`);
      corpus = join(scratch, 'corpus');
      await materializeCorpus(dataset.corpusFolder, corpus);
    } else if (dataset.corpus) {
      ({ folder: corpus, dataset } = await corpusToIndex(dataset, scratch));
    }
    const results: VariantResult[] = [];
    for (const [index, variant] of variants.entries()) {
      log(`variant ${variant.name}`);
      results.push(await runVariant({ ...options, dataset }, variant, corpus, join(scratch, `data-${index}`), log));
    }
    return {
      dataset: { name: options.dataset.name, kind: options.dataset.kind, questions: options.dataset.questions.length },
      createdAt: new Date().toISOString(),
      variants: results,
      comparisons: compareToFirst(results),
      answerComparisons: compareAnswersToFirst(results),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function runVariant(
  options: EvalRunOptions,
  variant: EvalVariant,
  corpus: string | undefined,
  scratchDataDir: string,
  log: (message: string) => void,
): Promise<VariantResult> {
  const reindex = corpus !== undefined || variant.chunking !== undefined || variant.embedModelPath !== undefined;
  const rerankModelPath = variant.rerankModelPath ?? options.rerankModelPath;
  const wantsModels = options.answers !== undefined || rerankModelPath !== undefined;
  const engine = await openEngine({
    dataDir: reindex ? scratchDataDir : options.dataDir,
    embedModelPath: variant.embedModelPath,
    loadEmbedder: true,
    threads: options.threads,
    answerModels: wantsModels ? { chatModelPath: options.answers?.chatModelPath, adapters: variant.adapters, rerankModelPath } : undefined,
    overrides: { chunking: variant.chunking, postingsBudget: variant.postingsBudget },
  });
  try {
    let indexSeconds: number | undefined;
    if (reindex) {
      const folders = corpus ? [corpus] : await userFolders(options.dataDir);
      log(`indexing ${folders.join(', ')}`);
      const summaries = await engine.index(folders);
      indexSeconds = summaries.reduce((sum, s) => sum + s.seconds, 0);
    }
    const retrieval = await evaluateModes(engine, options, log);
    let answers: AnswerEvalResult | undefined;
    const mode = engine.embedder ? 'hybrid' : 'bm25';
    const ask = (question: string, o: Parameters<Engine['ask']>[1]) => engine.ask(question, o);
    if (options.answers && engine.generator) {
      log(`answering ${options.dataset.questions.length} questions with ${engine.generator.modelId} (${mode} retrieval)`);
      const { modelId, adapters } = engine.generator;
      answers = await evaluateAnswers(ask, options.dataset, { mode, maxAnswerTokens: options.answers.maxAnswerTokens, model: modelId, adapters });
    } else if (options.dataset.kind === 'trove') {
      log(`no chat model: measuring answer/decline decisions on ${options.dataset.questions.length} questions (${mode} retrieval)`);
      answers = await evaluateAnswers(ask, options.dataset, { mode, model: null, adapters: [] });
    } else if (options.answers) {
      log('no chat model: answer metrics skipped');
    }
    const config = { chunking: variant.chunking, embedModel: variant.embedModelPath, adapters: variant.adapters, reranker: rerankModelPath, postingsBudget: variant.postingsBudget };
    return { name: variant.name, config, indexSeconds, ...retrieval, answers };
  } finally {
    await engine.dispose();
  }
}

async function evaluateModes(engine: Engine, options: EvalRunOptions, log: (message: string) => void) {
  const modes: Partial<Record<EvalMode, ModeResult>> = {};
  const noise: VariantResult['noise'] = {};
  const skipped: { mode: EvalMode; reason: string }[] = [];
  for (const mode of options.modes) {
    const runs: ModeResult[] = [];
    try {
      for (let run = 0; run < Math.max(1, options.repeat ?? 1); run++) {
        log(`searching in ${mode} mode${run > 0 ? ` (repeat ${run + 1})` : ''}`);
        runs.push(await evaluateRetrieval((query, m, o) => searchInMode(engine, query, m, o), options.dataset, mode));
      }
    } catch (error) {
      skipped.push({ mode, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const followUps = await evaluateFollowUps((query, o) => searchInMode(engine, query, mode, o), options.dataset, standaloneQueryOf(engine));
    modes[mode] = runs[0] && followUps ? { ...runs[0], followUps } : runs[0];
    noise[mode] = Object.fromEntries(
      RETRIEVAL_METRICS.map((metric) => [metric, runToRunNoise(runs.map((r) => r.questions.map((q) => q.metrics[metric])))]),
    ) as Record<RetrievalMetric, number>;
  }
  return { modes, skipped, noise };
}

function compareToFirst(results: readonly VariantResult[]): VariantComparison[] {
  const [baseline, ...others] = results;
  if (!baseline) return [];
  const comparisons: VariantComparison[] = [];
  for (const other of others) {
    for (const [mode, base] of Object.entries(baseline.modes) as [EvalMode, ModeResult][]) {
      const variant = other.modes[mode];
      if (!variant) continue;
      const metrics = Object.fromEntries(
        RETRIEVAL_METRICS.map((metric) => {
          const noise = Math.max(baseline.noise[mode]?.[metric] ?? 0, other.noise[mode]?.[metric] ?? 0);
          return [metric, pairedDifference(base.questions.map((q) => q.metrics[metric]), variant.questions.map((q) => q.metrics[metric]), { noise })];
        }),
      ) as Record<RetrievalMetric, PairedDifference>;
      comparisons.push({ baseline: baseline.name, variant: other.name, mode, metrics });
    }
  }
  return comparisons;
}

function compareAnswersToFirst(results: readonly VariantResult[]): AnswerComparison[] {
  const [baseline, ...others] = results;
  const base = baseline?.answers;
  if (!baseline || !base) return [];
  return others.flatMap((other) => {
    const answers = other.answers;
    if (!answers) return [];
    const metrics: AnswerComparison['metrics'] = {
      decisionCorrect: pairedDifference(base.questions.map((q) => q.decisionCorrect), answers.questions.map((q) => q.decisionCorrect)),
    };
    const overlaps = (r: AnswerEvalResult) => r.questions.map((q) => q.scores.overlapF1);
    const [a, b] = [overlaps(base), overlaps(answers)];
    if (a.every((v) => v !== undefined) && b.every((v) => v !== undefined)) {
      return [{ baseline: baseline.name, variant: other.name, metrics: { ...metrics, overlapF1: pairedDifference(a as number[], b as number[]) } }];
    }
    return [{ baseline: baseline.name, variant: other.name, metrics }];
  });
}

/**
 * The engine's follow-up rewrite, when this engine has one (it arrives with conversations in the engine);
 * without it follow-ups are searched as asked.
 */
function standaloneQueryOf(engine: Engine): StandaloneQuery | undefined {
  const candidate = (engine as unknown as { standaloneQuery?: StandaloneQuery }).standaloneQuery;
  return typeof candidate === 'function' ? candidate.bind(engine) : undefined;
}

/**
 * The folder to index for a dataset that names its corpus, and the dataset with its gold paths resolved
 * against it: a folder is indexed where it is; a single file is indexed alone, copied into `scratch/corpus`.
 */
export async function corpusToIndex(dataset: EvalDataset, scratch: string): Promise<{ folder: string; dataset: EvalDataset }> {
  const corpus = dataset.corpus;
  if (!corpus) throw new Error(`${dataset.name} names no corpus`);
  if (!corpus.isFile) return { folder: corpus.path, dataset: corpus.atRoot(corpus.path) };
  const folder = join(scratch, 'corpus');
  await mkdir(folder, { recursive: true });
  await copyFile(corpus.path, join(folder, basename(corpus.path)));
  return { folder, dataset: corpus.atRoot(folder) };
}

async function userFolders(dataDir: string): Promise<string[]> {
  const engine = await openEngine({ dataDir });
  try {
    return engine.store.folders.list().map((folder) => folder.path);
  } finally {
    await engine.dispose();
  }
}
