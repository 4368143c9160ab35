/**
 * Does a question continue the conversation, and which words of earlier turns does it leave unsaid? Used
 * without a chat model (lexical carry-over) and to decide whether the chat model is asked to rewrite at all.
 *
 * A question is read as a follow-up when it
 * - refers back (it, this, that, they, those, the same, …: words that need an antecedent) and is short enough
 *   to lean on it (at most MAX_REFERRING_CONTENT_WORDS content words), or
 * - opens as a continuation ("and …", "but …", "what about …", "how about …", "what if …"), or
 * - is elliptic: at most one content word ("Why?", "On Windows?", "Any limits?").
 * The rule looks at the form of the question only, so it does not depend on any document or topic.
 */
import { contentWords, plainWords, REFERRING_WORDS, type ContentWord } from './words.ts';

const CONTINUATION = /^(?:and|but|or|also|so|then|plus|instead|what about|how about|what if|what else|anything else)\b/;
/** Words a follow-up may borrow from earlier questions: enough to name a topic, few enough not to become one. */
export const MAX_CARRIED_WORDS = 6;
/** How far back a chain of follow-ups is followed to the question that set its topic. */
const MAX_TURNS_BACK = 3;

/**
 * A question with more content words than this states its own subject even when it says "it" or "this" ("I'm
 * thinking of using the same question file in two different projects - anything I should watch out for?").
 * Measured on the dev sets (scripts/eval/devsets; docs/benchmarks.md): each answerable question asked right
 * after the one before it (a topic switch) was taken for a follow-up about half the time without a limit,
 * costing 7–8 points of hit@5; with 5 the follow-ups keep their hit@5 (86% / 92%) and the switches lose 0 / 5
 * points (4: follow-ups 82% / 92%; 6: switches lose 6 / 5 points).
 */
const MAX_REFERRING_CONTENT_WORDS = 5;

export function looksLikeFollowUp(question: string): boolean {
  const words = plainWords(question);
  const content = contentWords(question).length;
  if (content <= MAX_REFERRING_CONTENT_WORDS && words.some((word) => REFERRING_WORDS.has(word))) return true;
  if (CONTINUATION.test(words.join(' '))) return true;
  return content <= 1;
}

/**
 * Content words of earlier questions that `question` does not already hold: from the last question and, while
 * that one was itself a follow-up, the one before it (back to the question that set the topic). The nearest
 * turns are taken first when there are too many; the words come back in the order they were asked.
 */
export function carriedWords(previousQuestions: readonly string[], question: string): ContentWord[] {
  const known = new Set(contentWords(question).flatMap((word) => word.terms));
  const perTurn: ContentWord[][] = [];
  let count = 0;
  for (const earlier of previousQuestions.slice(-MAX_TURNS_BACK).reverse()) {
    const taken: ContentWord[] = [];
    for (const word of contentWords(earlier)) {
      if (count >= MAX_CARRIED_WORDS || word.terms.every((term) => known.has(term))) continue;
      word.terms.forEach((term) => known.add(term));
      taken.push(word);
      count++;
    }
    perTurn.unshift(taken);
    if (!looksLikeFollowUp(earlier)) break;
  }
  return perTurn.flat();
}
