/**
 * Marks the words of a passage that match the question, as Markdown bold (**word**), for answers shown without
 * a model. Words are compared as the index compares them (analyze(): folded, stemmed), so "receipts" marks
 * "Receipts" and "indexes" marks "index"; the original words are what is marked.
 */
import { analyze } from '../search/analyze.ts';

/** A word as the analyser reads one: letters, digits and combining marks. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

export function markTerms(text: string, queryTerms: readonly string[]): string {
  const wanted = new Set(queryTerms);
  if (wanted.size === 0) return text;
  return text.replace(WORD, (word) => (analyze(word).some((term) => wanted.has(term)) ? `**${word}**` : word));
}
