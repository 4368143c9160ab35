/**
 * A follow-up rewritten by the chat model into a question that stands alone ("Can I do it without locking the
 * table?" → "Can I create an index without locking the table?"). Short prompt, greedy, a few tokens; the reply is
 * checked, because a small model may answer instead, echo the question, or ramble — then the caller falls back
 * to lexical carry-over.
 */
import type { ChatMessage, Generator } from '../answer/ports.ts';
import { contentTermSet } from './words.ts';

export interface Exchange {
  readonly question: string;
  readonly answer?: string;
}

/** A standalone question is a sentence: 48 tokens is room for one, and bounds the time a rewrite costs. */
export const REWRITE_MAX_TOKENS = 48;
/** Exchanges shown to the model, and how much of each answer: what a follow-up refers to is in the last turns. */
const EXCHANGES_SHOWN = 3;
const ANSWER_CHARS_SHOWN = 300;
/** A rewrite may add the topic to the question, not a paragraph. */
const MAX_ADDED_CHARS = 150;

const INSTRUCTIONS =
  'Rewrite the last question of a conversation so that it can be understood without the conversation: replace ' +
  'words like "it", "this" or "they" with what they refer to and add the missing subject. Keep the question\'s own ' +
  'words. Do not answer it. Reply with the rewritten question only, on one line.';

export function rewriteMessages(previous: readonly Exchange[], question: string): ChatMessage[] {
  const turns = previous.slice(-EXCHANGES_SHOWN).map((turn) => {
    const answer = turn.answer ? `\nAssistant: ${oneLine(turn.answer).slice(0, ANSWER_CHARS_SHOWN)}` : '';
    return `User: ${oneLine(turn.question)}${answer}`;
  });
  return [
    { role: 'system', text: INSTRUCTIONS },
    { role: 'user', text: `Conversation:\n${turns.join('\n')}\n\nLast question: ${oneLine(question)}\n\nRewritten question:` },
  ];
}

/** Asks the model; undefined when its reply is not a usable rewrite (see acceptRewrite). */
export async function rewriteWithModel(generator: Generator, previous: readonly Exchange[], question: string, signal?: AbortSignal): Promise<string | undefined> {
  const generation = await generator.generate(rewriteMessages(previous, question), { maxTokens: REWRITE_MAX_TOKENS, temperature: 0 }, { signal });
  if (generation.stopReason === 'aborted') return undefined;
  return acceptRewrite(generation.text, previous, question);
}

/**
 * The rewrite, cleaned, if it is one: not empty, not much longer than the question, keeping at least half of
 * the question's content words, and bringing at least one content word of the earlier questions (a rewrite that
 * adds nothing from the conversation has not resolved the follow-up).
 */
export function acceptRewrite(reply: string, previous: readonly Exchange[], question: string): string | undefined {
  const rewrite = cleanReply(reply);
  if (rewrite === '' || rewrite.length > question.trim().length + MAX_ADDED_CHARS) return undefined;
  const terms = contentTermSet(rewrite);
  const own = [...contentTermSet(question)];
  if (own.filter((term) => terms.has(term)).length * 2 < own.length) return undefined;
  const ownSet = new Set(own);
  const history = previous.flatMap((turn) => [...contentTermSet(turn.question)]).filter((term) => !ownSet.has(term));
  return history.some((term) => terms.has(term)) ? rewrite : undefined;
}

/** First non-empty line, without a leading label or surrounding quotes. */
function cleanReply(reply: string): string {
  const line = reply.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line
    .replace(/^(?:rewritten|standalone)?\s*question\s*:\s*/i, '')
    .replace(/^["'“”‘’`]+|["'“”‘’`]+$/g, '')
    .trim();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
