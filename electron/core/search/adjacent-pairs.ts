/**
 * Neighbouring words of the query, searched as phrases besides the words alone: a passage that says "answer
 * key" or "class list" where the question does is more likely about the same thing than one holding "answer" in
 * one paragraph and "key" in another. This is the sequential dependence of Metzler and Croft's model, in its
 * simplest form: each pair of consecutive content terms (stop words are not indexed, so "list of students"
 * pairs "list" with "student") is a phrase, and the pairs' own BM25 ranking adds to the words' (bm25-search.ts
 * says how much).
 */
import { analyze } from './analyze.ts';

/** Two-term phrases ("answer key") of the query's consecutive content terms, each once. */
export function adjacentPairs(query: string): string[] {
  const terms = analyze(query);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < terms.length; i++) {
    const first = terms[i] ?? '';
    const second = terms[i + 1] ?? '';
    if (first !== second) pairs.add(`${first} ${second}`);
  }
  return [...pairs];
}
