/**
 * When is a retrieved passage relevant enough to answer from? BM25 scores are unbounded and depend on the
 * corpus, and RRF scores only encode rank, so neither has a threshold that means the same thing across
 * indexes. The rule instead looks at the passage itself: it must contain at least half of the question's
 * distinct content terms (analysed exactly as the index analyses text: stemmed, accent-folded, stopwords
 * dropped), and at least one. "How do I bake sourdough bread?" is then not answered from a passage that only
 * mentions "bread" in passing next to unrelated words, and a question none of whose words occur in the
 * documents is never answered from them.
 *
 * Limitation: a passage that answers with synonyms only (found by vector search) does not pass; Trove then
 * abstains rather than risk an invented answer.
 */
import { analyze } from '../search/analyze.ts';
import { ENGLISH_STOPWORDS } from '../search/stopwords.ts';

export const MIN_TERM_COVERAGE = 0.5;

/** The question's distinct content terms; all its terms when every one is a stopword. */
export function contentTerms(question: string): string[] {
  const terms = [...new Set(analyze(question))];
  const meaningful = terms.filter((term) => !ENGLISH_STOPWORDS.has(term));
  return meaningful.length > 0 ? meaningful : terms;
}

/** Share (0–1) of `terms` that occur in `text`. */
export function termCoverage(terms: readonly string[], text: string): number {
  if (terms.length === 0) return 0;
  const present = new Set(analyze(text));
  return terms.filter((term) => present.has(term)).length / terms.length;
}

export function isRelevant(terms: readonly string[], text: string, minCoverage = MIN_TERM_COVERAGE): boolean {
  const coverage = termCoverage(terms, text);
  return coverage > 0 && coverage >= minCoverage;
}
