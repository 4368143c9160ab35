/**
 * What an evaluation runs on, whatever the file format: questions with graded judgments, and a way to turn a
 * search hit into the id the judgments use (a BEIR document id, or one of a Trove dataset's expected spans).
 */
import type { SearchHit } from '../search/searcher.ts';
import type { Judgments } from './metrics.ts';

export interface EvalQuestion {
  readonly id: string;
  readonly text: string;
  /** Relevance grade per judged id; empty for a question the documents cannot answer. */
  readonly judgments: Judgments;
  /** False for a question the documents do not cover (the right behaviour is to decline). */
  readonly answerable: boolean;
  /** A reference answer, for answer-overlap metrics. */
  readonly referenceAnswer?: string;
}

export interface EvalDataset {
  readonly name: string;
  readonly kind: 'beir' | 'trove';
  readonly questions: readonly EvalQuestion[];
  /** The id a hit counts as in the judgments (hits of the same document share an id). */
  hitId(hit: Pick<SearchHit, 'path' | 'startLine' | 'endLine'>): string;
  /** A folder to index into a throwaway data directory first (BEIR), or undefined to use the current index. */
  readonly corpusFolder?: string;
}
