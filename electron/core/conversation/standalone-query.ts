/**
 * What a question searches for, given the conversation before it. A question that does not look like a
 * follow-up is searched as asked, unless the index says it continues the topic (carry-evidence.ts); then it
 * borrows the earlier words as below. A follow-up is rewritten by the chat model when there is one (and the rewrite
 * passes its checks), else it borrows the content words of the earlier questions, which the search weighs lower
 * than the question's own (lexical carry-over; SearchOptions.carried).
 */
import type { Generator } from '../answer/ports.ts';
import { carriedWords, looksLikeFollowUp } from './follow-up.ts';
import { rewriteWithModel, type Exchange } from './rewrite.ts';
import { contentWords } from './words.ts';

export type { Exchange } from './rewrite.ts';

export interface StandaloneQuery {
  /** Readable words for "Searched for: …": the question or its rewrite, carried words in parentheses. */
  readonly text: string;
  /** Searched at full weight: the question, the model's rewrite, or (for a question with no content words) the carried words. */
  readonly query: string;
  /** Words of earlier questions searched at a lower weight; '' when none. */
  readonly carried: string;
  /** as-asked: not a follow-up (or nothing to carry); rewritten: by the chat model; carried: lexical carry-over. */
  readonly method: 'as-asked' | 'rewritten' | 'carried';
}

export interface StandaloneQueryPorts {
  readonly generator?: Generator;
  readonly signal?: AbortSignal;
  /** Asks the index whether a question that does not read as a follow-up continues the topic (carry-evidence.ts). */
  readonly continuesTopic?: (question: string, carried: StandaloneQuery) => Promise<boolean>;
}

export async function standaloneQuery(previous: readonly Exchange[], question: string, ports: StandaloneQueryPorts = {}): Promise<StandaloneQuery> {
  const asked = asAsked(question);
  if (previous.length === 0) return asked;
  if (!looksLikeFollowUp(question)) {
    const carried = ports.continuesTopic && carryOver(previous, question);
    return carried && (await ports.continuesTopic?.(question, carried)) ? carried : asked;
  }
  if (ports.generator) {
    // A model that fails here (or is stopped) costs the follow-up its rewrite, not its answer.
    const rewrite = await rewriteWithModel(ports.generator, previous, question, ports.signal).catch(() => undefined);
    if (rewrite !== undefined) return { text: rewrite, query: rewrite, carried: '', method: 'rewritten' };
  }
  return carryOver(previous, question) ?? asked;
}

/** Lexical carry-over; undefined when the earlier questions have no content word the question lacks. */
export function carryOver(previous: readonly Exchange[], question: string): StandaloneQuery | undefined {
  const carried = carriedWords(
    previous.map((turn) => turn.question),
    question,
  )
    .map((word) => word.surface)
    .join(' ');
  if (carried === '') return undefined;
  const text = `${oneLine(question)} (${carried})`;
  // Nothing of its own to search for ("Why?"): the carried words are the whole search.
  if (contentWords(question).length === 0) return { text, query: carried, carried: '', method: 'carried' };
  return { text, query: question, carried, method: 'carried' };
}

function asAsked(question: string): StandaloneQuery {
  return { text: oneLine(question), query: question, carried: '', method: 'as-asked' };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
