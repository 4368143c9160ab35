/**
 * The index's statistics for one judgement, fetched at once. The relevance rules (relevance.ts,
 * unknown-names.ts, respellings.ts) read term statistics synchronously, as SQLite answers them; a shared index
 * answers over the network. So the terms a judgement can ask about — the question's own, its names', and
 * those of its words' other spellings — are fetched in one round trip first, and the rules read that.
 */
import type { TermFrequencies } from '../ports.ts';
import { queryTerms } from '../search/analyze.ts';
import { respellingTerms } from '../search/respellings.ts';
import type { TermStatisticsSource } from './relevance.ts';
import { writtenNames } from './unknown-names.ts';

/** Port: the chunk count and document frequencies of terms (LexicalIndex.termFrequencies), now or later. */
export type TermStatisticsPort = (terms: readonly string[]) => TermFrequencies | Promise<TermFrequencies>;

/** Statistics for everything the relevance rules may ask of `texts`, read once from `port`. */
export async function statisticsFor(texts: readonly string[], port: TermStatisticsPort): Promise<TermStatisticsSource> {
  const wanted = new Set(texts.flatMap((text) => [...queryTerms(text), ...writtenNames(text).flatMap((name) => name.terms), ...respellingTerms(text)]));
  const fetched = await port([...wanted]);
  // A term outside the set was not fetched: it counts as one the index lacks, which no rule asks for anyway.
  return (terms) => ({ chunks: fetched.chunks, documentFrequency: new Map(terms.map((term) => [term, fetched.documentFrequency.get(term) ?? 0])) });
}
