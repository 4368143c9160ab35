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

/** A two-turn (or longer) conversation: the last turn is scored, asked as a follow-up and asked standalone. */
export interface EvalConversation {
  readonly id: string;
  readonly previous: readonly { readonly question: string; readonly answer?: string }[];
  readonly followUp: string;
  readonly standalone: string;
  readonly judgments: Judgments;
}

/** The documents a dataset is about, indexed into a throwaway data directory instead of using the user's index. */
export interface EvalCorpus {
  /** Absolute path of a folder, or of a single file (indexed alone). */
  readonly path: string;
  readonly isFile: boolean;
  /** The same dataset with its gold paths resolved against the folder actually indexed (a single file is copied). */
  atRoot(root: string): EvalDataset;
}

export interface EvalDataset {
  readonly name: string;
  readonly kind: 'beir' | 'trove';
  readonly questions: readonly EvalQuestion[];
  /**
   * The id a hit counts as in the judgments (hits of the same document share an id). Given the question's
   * judgments, a hit inside one of that question's own spans takes that span's id, even when another
   * question's overlapping span also holds it.
   */
  hitId(hit: Pick<SearchHit, 'path' | 'startLine' | 'endLine'> & { readonly page?: number | null }, judgments?: ReadonlyMap<string, number>): string;
  /** A folder to index into a throwaway data directory first (BEIR), or undefined to use the current index. */
  readonly corpusFolder?: string;
  /** A Trove dataset's own corpus (its header row). */
  readonly corpus?: EvalCorpus;
  readonly conversations?: readonly EvalConversation[];
}
