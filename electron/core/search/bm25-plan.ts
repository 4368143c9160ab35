/**
 * How BM25 runs for one query: which terms are matched in full ("rare") and which only add their score to
 * chunks the rare terms found ("common").
 *
 * Why: FTS5 computes bm25() for every row that matches any query term (~0.5 µs a row on a 2-core machine), so
 * one word that occurs in 9% of a million chunks costs ~50 ms by itself, whatever the other words are. This is
 * Lucene's common-terms query: when scoring every match would exceed a budget, the commonest terms stop
 * finding chunks on their own. A chunk holding at least one rare term still gets its exact, full BM25 score
 * (common terms included); only chunks that hold nothing but common terms drop out, and those rank low anyway
 * because common terms carry little IDF. Below the budget the plan is the plain, exact query.
 */

/** A query term and how many chunks it matches, counted up to just past the budget (more is not needed). */
export interface TermPostings {
  readonly term: string;
  readonly postings: number;
}

export interface Bm25Plan {
  /** Terms whose every match is scored; never empty for a query with terms. */
  readonly rare: readonly string[];
  /** Terms that only re-score chunks matched by a rare term. Empty means the plain, exact query. */
  readonly common: readonly string[];
}

/**
 * The smallest budget: scoring 5,000 matches takes ~2.5 ms, so below ~50k chunks most plans stay exact.
 */
export const DEFAULT_POSTINGS_BUDGET = 5_000;

/**
 * Share of a big index whose matches are always scored. A fixed budget would shrink relative to a growing index
 * and drop ever more chunks: on SciFact (7,618 chunks, `trove eval --variant b:bm25budget=N`) nDCG@10 stays
 * within noise down to 1.3% of the chunks (−0.017 at 100 matches) and drops from 0.7% (−0.047 at 50). 1% rather
 * than 2%: at 1M chunks 2% made BM25 30 ms and hybrid 46 ms, 1% 19 ms and 41 ms (scripts/bench/search-scale.ts).
 */
export const BUDGET_SHARE = 0.01;

/** The match budget for an index of `chunks` chunks: 5,000, or 1% of a big index (10,000 at 1M chunks). */
export function postingsBudgetFor(chunks: number): number {
  return Math.max(DEFAULT_POSTINGS_BUDGET, Math.round(chunks * BUDGET_SHARE));
}

/**
 * Rare terms are the rarest ones whose matches together fit the budget; the rest are common. When everything
 * fits, or not even the rarest term fits (a query of common words only), the plain query runs: splitting would
 * not make it cheaper.
 */
export function planBm25(terms: readonly TermPostings[], budget: number = DEFAULT_POSTINGS_BUDGET): Bm25Plan {
  const all = terms.map((entry) => entry.term);
  const total = terms.reduce((sum, entry) => sum + entry.postings, 0);
  const byRarity = [...terms].sort((a, b) => a.postings - b.postings);
  const rarest = byRarity[0];
  if (total <= budget || rarest === undefined || rarest.postings > budget) return { rare: all, common: [] };
  const rare = new Set<string>();
  let scored = 0;
  for (const entry of byRarity) {
    if (scored + entry.postings > budget) break;
    rare.add(entry.term);
    scored += entry.postings;
  }
  // Query order is kept within each group, so the same query always yields the same MATCH expressions.
  return { rare: all.filter((term) => rare.has(term)), common: all.filter((term) => !rare.has(term)) };
}
