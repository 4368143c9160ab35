/**
 * What an answer was given and what people said about it: the records behind `answerId`, feedback and the
 * fine-tuning export. The storage behind them is the narrow async FeedbackStore port, so the SQL stays in
 * store/sqlite/feedback-repository.ts and another database can stand in.
 */
import type { AnswerKind } from '../answer/types.ts';
import type { NumberedSource } from '../types.ts';

/** One passage exactly as the model was given it (after redaction), with the sha256 of that text. */
export interface GivenSource extends NumberedSource {
  readonly heading: string;
  readonly text: string;
  readonly sha256: string;
}

/** The chat model and adapters that wrote an answer (null model: extractive, no chat model). */
export interface AnswerConfiguration {
  readonly model: string | null;
  readonly adapters: readonly { readonly path: string; readonly scale: number }[];
}

export interface AnswerRecord {
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly question: string;
  readonly kind: AnswerKind;
  readonly answer: string;
  readonly configuration: AnswerConfiguration;
  readonly sources: readonly GivenSource[];
  /** Source numbers the answer cites (a subset of sources[].n). */
  readonly citations: readonly number[];
  /** The indexed folders the sources came from. */
  readonly folders: readonly string[];
}

export type Verdict = 'good' | 'bad';

export interface Feedback {
  readonly verdict: Verdict;
  /** What the answer should have said, when someone wrote it; approved whatever the verdict. */
  readonly correctedAnswer: string | null;
  readonly at: number;
}

export interface StoredAnswer extends AnswerRecord {
  readonly id: number;
  readonly feedback: Feedback | null;
}

/** Port: where answers and feedback are kept (the index database in Trove; see store/sqlite/feedback-repository.ts). */
export interface FeedbackStore {
  saveAnswer(record: AnswerRecord): Promise<number>;
  answer(id: number): Promise<StoredAnswer | undefined>;
  /** Replaces any earlier feedback on the answer. */
  saveFeedback(answerId: number, feedback: Feedback): Promise<void>;
  /** Answers marked good or corrected, with feedback given at or after `since`, oldest feedback first. */
  approved(since: number): Promise<StoredAnswer[]>;
}
