/**
 * Feedback on answers: every answer Engine.ask gives is recorded with what it was given (answer-record.ts), and
 * people mark it good or bad, optionally with a corrected answer. Approved answers (good, or corrected) are what
 * the fine-tuning export writes (training-export.ts).
 */
import { AnswerNotFoundError, TroveError } from '../errors.ts';
import type { AskResult } from '../answer/types.ts';
import { answerRecord } from './answer-record.ts';
import type { FeedbackStore, StoredAnswer, Verdict } from './types.ts';

export interface FeedbackPorts {
  readonly store: FeedbackStore;
  readonly now: () => number;
  /** The indexed folders, to say which folder each answer's sources came from. */
  readonly folders: () => readonly string[];
}

export class FeedbackService {
  constructor(private readonly ports: FeedbackPorts) {}

  /** Records an answer as given; returns its answerId. */
  record(question: string, result: AskResult): Promise<number> {
    return this.ports.store.saveAnswer(answerRecord(question, result, this.ports.now(), this.ports.folders()));
  }

  /** A recorded answer with its feedback, if any. */
  answer(answerId: number): Promise<StoredAnswer | undefined> {
    return this.ports.store.answer(answerId);
  }

  /**
   * Marks an answer good or bad, with an optional corrected answer (approved whatever the verdict). An unknown
   * id is AnswerNotFoundError and an empty correction INVALID_ARGUMENT, both before anything is written.
   */
  async mark(answerId: number, verdict: Verdict, correctedAnswer?: string): Promise<StoredAnswer> {
    if (verdict !== 'good' && verdict !== 'bad') throw new TroveError('INVALID_ARGUMENT', `The verdict must be good or bad, not ${String(verdict)}.`);
    if (correctedAnswer !== undefined && correctedAnswer.trim() === '') throw new TroveError('INVALID_ARGUMENT', 'The corrected answer is empty.');
    const answer = Number.isSafeInteger(answerId) && answerId > 0 ? await this.ports.store.answer(answerId) : undefined;
    if (!answer) throw new AnswerNotFoundError(answerId);
    const feedback = { verdict, correctedAnswer: correctedAnswer?.trim() ?? null, at: this.ports.now() };
    await this.ports.store.saveFeedback(answerId, feedback);
    return { ...answer, feedback };
  }

  /** Answers approved at or after `since` (ms since the epoch): marked good, or given a corrected answer. */
  approved(since = 0): Promise<StoredAnswer[]> {
    return this.ports.store.approved(since);
  }
}
