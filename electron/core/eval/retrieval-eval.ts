/**
 * Runs every question of a dataset through search in each mode and scores the ranking: nDCG@10, Recall@10,
 * Recall@100 and MRR@10 per question (for drill-down) and averaged, with search latency percentiles, and hit@5:
 * whether any of the first five passages (not documents) is a judged one, which is what an answer is built from.
 * Only answerable questions are scored for retrieval: an unanswerable one has no right document.
 */
import type { SearchOptions, SearchResponse } from '../search/searcher.ts';
import type { EvalMode } from './eval-modes.ts';
import type { FollowUpResult } from './conversation-eval.ts';
import type { EvalDataset } from './dataset.ts';
import { hitAt, mrrAt, ndcgAt, recallAt } from './metrics.ts';
import { mean, percentile } from './stats.ts';

/** Search in one evaluation mode (see eval-modes.ts). */
export type SearchFunction = (query: string, mode: EvalMode, options: SearchOptions) => Promise<SearchResponse>;

export const RETRIEVAL_METRICS = ['hit@5', 'ndcg@10', 'recall@10', 'recall@100', 'mrr@10'] as const;
export type RetrievalMetric = (typeof RETRIEVAL_METRICS)[number];

export interface QuestionResult {
  readonly id: string;
  readonly question: string;
  readonly metrics: Record<RetrievalMetric, number>;
  readonly latencyMs: number;
  /** The first ten distinct ids retrieved, for drill-down. */
  readonly top: readonly string[];
  readonly relevant: readonly string[];
}

export interface ModeResult {
  readonly mode: EvalMode;
  readonly metrics: Record<RetrievalMetric, number>;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly mean: number };
  readonly questions: readonly QuestionResult[];
  /** Follow-up vs standalone hit@5, for datasets with conversations. */
  readonly followUps?: FollowUpResult;
}

/** Chunks fetched per question: deep enough to find 100 distinct documents when several chunks share one. */
const SEARCH_DEPTH = 200;

export async function evaluateRetrieval(search: SearchFunction, dataset: EvalDataset, mode: EvalMode): Promise<ModeResult> {
  const questions: QuestionResult[] = [];
  for (const question of dataset.questions) {
    if (!question.answerable) continue;
    const started = performance.now();
    const response = await search(question.text, mode, { k: SEARCH_DEPTH });
    const latencyMs = performance.now() - started;
    if (response.mode !== mode.replace('+rerank', '')) throw new Error(response.notices.join(' ') || `${mode} search is not available`);
    const passages = response.results.map((hit) => dataset.hitId(hit, question.judgments));
    const ranked = [...new Set(passages)];
    questions.push({
      id: question.id,
      question: question.text,
      metrics: {
        'hit@5': hitAt(passages, question.judgments, 5),
        'ndcg@10': ndcgAt(ranked, question.judgments, 10),
        'recall@10': recallAt(ranked, question.judgments, 10),
        'recall@100': recallAt(ranked, question.judgments, 100),
        'mrr@10': mrrAt(ranked, question.judgments, 10),
      },
      latencyMs,
      top: ranked.slice(0, 10),
      relevant: [...question.judgments].filter(([, grade]) => grade > 0).map(([id]) => id),
    });
  }
  const latencies = questions.map((q) => q.latencyMs);
  return {
    mode,
    metrics: averageMetrics(questions),
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), mean: mean(latencies) },
    questions,
  };
}

function averageMetrics(questions: readonly QuestionResult[]): Record<RetrievalMetric, number> {
  const average = (metric: RetrievalMetric) => mean(questions.map((q) => q.metrics[metric]));
  return Object.fromEntries(RETRIEVAL_METRICS.map((metric) => [metric, average(metric)])) as Record<RetrievalMetric, number>;
}
