/**
 * Answer evaluation: every question (answerable or not) goes through `engine.ask` at temperature 0, and the
 * answers are scored (answer-metrics.ts): valid citations, cited sources among the expected ones, declining
 * where it should (and not where it should not), overlap with reference answers, and latency percentiles for
 * retrieval, the first token and the whole answer.
 */
import type { AskOptions, AskResult } from '../answer/types.ts';
import type { SearchMode } from '../search/searcher.ts';
import { scoreAnswer, type AnswerScores } from './answer-metrics.ts';
import type { EvalDataset } from './dataset.ts';
import { mean, percentile } from './stats.ts';

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
  readonly timings: { readonly retrieveMs: number; readonly firstTokenMs: number | null; readonly totalMs: number };
}

export interface AnswerMetrics {
  /** Means over the questions where each applies; null where none does. */
  readonly citationValidity: number | null;
  readonly citedRelevance: number | null;
  readonly correctlyDeclined: number | null;
  readonly wronglyDeclined: number | null;
  readonly overlapF1: number | null;
}

export interface AnswerEvalResult {
  readonly mode: SearchMode;
  readonly model: string;
  readonly adapters: readonly { readonly path: string; readonly scale: number }[];
  readonly metrics: AnswerMetrics;
  readonly latencyMs: Record<'retrieve' | 'firstToken' | 'total', { readonly p50: number; readonly p95: number }>;
  readonly questions: readonly AnsweredQuestion[];
}

const SHOWN_ANSWER_CHARS = 600;

export async function evaluateAnswers(
  ask: AskFunction,
  dataset: EvalDataset,
  options: { mode: SearchMode; maxAnswerTokens?: number; model: string; adapters: readonly { path: string; scale: number }[] },
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
        citedIds: result.citations.map((citation) => dataset.hitId(citation)),
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
      timings: { retrieveMs: result.timings.retrieveMs, firstTokenMs: result.timings.firstTokenMs, totalMs },
    });
  }
  return {
    mode: options.mode,
    model: options.model,
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
  return {
    citationValidity: meanOrNull(questions.map((q) => q.scores.citationValidity)),
    citedRelevance: meanOrNull(answerable.map((q) => q.scores.citedRelevance)),
    correctlyDeclined: meanOrNull(unanswerable.map((q) => (q.scores.declined ? 1 : 0))),
    wronglyDeclined: meanOrNull(answerable.map((q) => (q.scores.declined ? 1 : 0))),
    overlapF1: meanOrNull(questions.map((q) => q.scores.overlapF1)),
  };
}

function spread(values: readonly number[]): { p50: number; p95: number } {
  return values.length === 0 ? { p50: Number.NaN, p95: Number.NaN } : { p50: percentile(values, 50), p95: percentile(values, 95) };
}
