/**
 * Answer evaluation: every question (answerable or not) goes through `engine.ask` at temperature 0, and the
 * answers are scored (answer-metrics.ts): valid citations, cited sources among the expected ones, declining
 * where it should (and not where it should not: abstention precision and recall), overlap with reference
 * answers, prompt size, and latency percentiles for retrieval, the first token and the whole answer.
 * Without a chat model the decisions are still measured: `ask` then answers extractively or abstains.
 */
import type { AskOptions, AskResult } from '../answer/types.ts';
import { estimateTokens } from '../chunk/estimate-tokens.ts';
import type { SearchMode } from '../search/searcher.ts';
import { scoreAnswer, type AnswerScores } from './answer-metrics.ts';
import type { EvalDataset } from './dataset.ts';
import { mean, median, percentile } from './stats.ts';

export type AskFunction = (question: string, options: AskOptions) => Promise<AskResult>;

export interface AnsweredQuestion {
  readonly id: string;
  readonly question: string;
  readonly answerable: boolean;
  readonly kind: AskResult['kind'];
  readonly answer: string;
  readonly scores: AnswerScores;
  /** 1 when the answer declined exactly when the question was unanswerable. */
  readonly decisionCorrect: number;
  /** Prompt tokens (with a model), or the estimated tokens of the passages shown (extractive answers). */
  readonly promptTokens: number;
  readonly timings: { readonly retrieveMs: number; readonly firstTokenMs: number | null; readonly totalMs: number };
}

export interface AnswerMetrics {
  /** Means over the questions where each applies; null where none does. */
  readonly citationValidity: number | null;
  readonly citedRelevance: number | null;
  readonly correctlyDeclined: number | null;
  readonly wronglyDeclined: number | null;
  readonly overlapF1: number | null;
  /** Of the questions declined, the share that the documents do not answer; null when none was declined. */
  readonly abstentionPrecision: number | null;
  /** Of the questions the documents do not answer, the share declined (= correctlyDeclined). */
  readonly abstentionRecall: number | null;
  /** Median over the answers that were not declined. */
  readonly medianPromptTokens: number | null;
}

export interface AnswerEvalResult {
  readonly mode: SearchMode;
  /** The chat model, or null: decisions only, answers extractive. */
  readonly model: string | null;
  /** Where promptTokens come from: the model's prompt, or the estimator over the extractive answer's passages. */
  readonly promptTokens: 'model' | 'estimated';
  readonly adapters: readonly { readonly path: string; readonly scale: number }[];
  readonly metrics: AnswerMetrics;
  readonly latencyMs: Record<'retrieve' | 'firstToken' | 'total', { readonly p50: number; readonly p95: number }>;
  readonly questions: readonly AnsweredQuestion[];
}

const SHOWN_ANSWER_CHARS = 600;

export async function evaluateAnswers(
  ask: AskFunction,
  dataset: EvalDataset,
  options: { mode: SearchMode; maxAnswerTokens?: number; model: string | null; adapters: readonly { path: string; scale: number }[] },
): Promise<AnswerEvalResult> {
  const questions: AnsweredQuestion[] = [];
  for (const question of dataset.questions) {
    const started = performance.now();
    const result = await ask(question.text, { mode: options.mode, temperature: 0, maxAnswerTokens: options.maxAnswerTokens });
    const totalMs = performance.now() - started;
    const declined = result.kind === 'abstained';
    const scores = scoreAnswer(
      {
        declined,
        validCitations: result.kind === 'generated' ? countCitationMarks(result.answer) : 0,
        removedCitations: result.removedCitations,
        citedIds: result.citations.map((citation) => dataset.hitId(citation, question.judgments)),
        answer: result.answer,
      },
      new Set([...question.judgments].filter(([, grade]) => grade > 0).map(([id]) => id)),
      question.referenceAnswer,
    );
    questions.push({
      id: question.id,
      question: question.text,
      answerable: question.answerable,
      kind: result.kind,
      answer: result.answer.slice(0, SHOWN_ANSWER_CHARS),
      scores,
      decisionCorrect: declined === !question.answerable ? 1 : 0,
      promptTokens: options.model === null ? (declined ? 0 : shownPassageTokens(result)) : result.timings.promptTokens,
      timings: { retrieveMs: result.timings.retrieveMs, firstTokenMs: result.timings.firstTokenMs, totalMs },
    });
  }
  return {
    mode: options.mode,
    model: options.model,
    promptTokens: options.model === null ? 'estimated' : 'model',
    adapters: options.adapters.map((a) => ({ path: a.path, scale: a.scale })),
    metrics: aggregate(questions),
    latencyMs: {
      retrieve: spread(questions.map((q) => q.timings.retrieveMs)),
      firstToken: spread(questions.flatMap((q) => (q.timings.firstTokenMs === null ? [] : [q.timings.firstTokenMs]))),
      total: spread(questions.map((q) => q.timings.totalMs)),
    },
    questions,
  };
}

/**
 * Without a model, the size of what an answer is built from: the estimated tokens of the extractive answer,
 * which is the passages shown, less their file paths (which depend on where the corpus sits, not on the answer).
 */
function shownPassageTokens(result: AskResult): number {
  const paths = [...new Set(result.sources.map((source) => source.path))];
  return estimateTokens(paths.reduce((text, path) => text.split(path).join(''), result.answer));
}

/** Valid [n] marks left in the answer (invalid ones were already removed and counted by the pipeline). */
function countCitationMarks(answer: string): number {
  return answer.match(/\[\d+\]/g)?.length ?? 0;
}

function aggregate(questions: readonly AnsweredQuestion[]): AnswerMetrics {
  const meanOrNull = (values: readonly (number | undefined)[]) => {
    const present = values.filter((value): value is number => value !== undefined);
    return present.length === 0 ? null : mean(present);
  };
  const answerable = questions.filter((q) => q.answerable);
  const unanswerable = questions.filter((q) => !q.answerable);
  const answered = questions.filter((q) => !q.scores.declined);
  return {
    citationValidity: meanOrNull(questions.map((q) => q.scores.citationValidity)),
    citedRelevance: meanOrNull(answerable.map((q) => q.scores.citedRelevance)),
    correctlyDeclined: meanOrNull(unanswerable.map((q) => (q.scores.declined ? 1 : 0))),
    wronglyDeclined: meanOrNull(answerable.map((q) => (q.scores.declined ? 1 : 0))),
    overlapF1: meanOrNull(questions.map((q) => q.scores.overlapF1)),
    ...abstention(questions),
    medianPromptTokens: answered.length === 0 ? null : median(answered.map((q) => q.promptTokens)),
  };
}

/** An abstention is a positive: precision over the questions declined, recall over the unanswerable ones. */
export function abstention(questions: readonly Pick<AnsweredQuestion, 'answerable' | 'kind'>[]): { abstentionPrecision: number | null; abstentionRecall: number | null } {
  const declined = questions.filter((q) => q.kind === 'abstained');
  const unanswerable = questions.filter((q) => !q.answerable);
  const both = declined.filter((q) => !q.answerable).length;
  return {
    abstentionPrecision: declined.length === 0 ? null : both / declined.length,
    abstentionRecall: unanswerable.length === 0 ? null : both / unanswerable.length,
  };
}

function spread(values: readonly number[]): { p50: number; p95: number } {
  return values.length === 0 ? { p50: Number.NaN, p95: Number.NaN } : { p50: percentile(values, 50), p95: percentile(values, 95) };
}
