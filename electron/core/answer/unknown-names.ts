/**
 * Names in a question that the index has never seen: "Docker", "Microsoft", "Google Classroom", "iPhone".
 * A question about a product, service or place that no indexed file mentions is not covered by those files,
 * however many of its other words they hold ("How do I run Docker containers on the FreedomBox?" over a
 * manual full of "run", "containers" and "FreedomBox"). Everyday words the index lacks are no such evidence:
 * answerable paraphrases are full of them ("stuck", "yesterday", "throwaway"), so only words written as names
 * count: a capital letter anywhere but at the start of a sentence ("Kodi", "OMR", "iPhone"), not "I".
 *
 * Not applied to German text, which capitalises every noun. On the dev sets (scripts/eval/devsets,
 * docs/benchmarks.md, issue 11) no answerable question names anything the manual lacks, while 7 of the 26
 * unanswerable ones do.
 */
import { analyzeIn, isGermanText } from '../search/analyze.ts';
import type { TermStatisticsSource } from './relevance.ts';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;
/** What precedes a sentence's first word: nothing, or an end of sentence, then quotes, brackets and spaces. */
const SENTENCE_START = /(?:^|[.!?:;\n])["'“‘(\s]*$/u;
const HAS_CAPITAL = /\p{Lu}/u;
const FIRST_PERSON = /^I(?:['’](?:d|m|ll|ve))?$/u;

/** The question's words written as names (not at a sentence's start), each with its index terms. */
export function writtenNames(question: string): { readonly surface: string; readonly terms: string[] }[] {
  if (isGermanText(question)) return [];
  const names: { surface: string; terms: string[] }[] = [];
  for (const match of question.matchAll(WORD)) {
    const surface = match[0];
    if (!HAS_CAPITAL.test(surface) || FIRST_PERSON.test(surface)) continue;
    if (SENTENCE_START.test(question.slice(0, match.index))) continue;
    const terms = analyzeIn(question, surface);
    if (terms.length > 0) names.push({ surface, terms });
  }
  return names;
}

/** The names of `question` none of whose terms any indexed chunk holds. Empty without statistics. */
export function unknownNames(question: string, statistics?: TermStatisticsSource): string[] {
  if (!statistics) return [];
  const names = writtenNames(question);
  if (names.length === 0) return [];
  const frequencies = statistics(names.flatMap((name) => name.terms));
  const unseen = (term: string) => (frequencies.documentFrequency.get(term) ?? 0) === 0;
  return names.filter((name) => name.terms.every(unseen)).map((name) => name.surface);
}
