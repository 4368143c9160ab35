/**
 * BM25 for one query through the common-terms plan (bm25-plan.ts), over any connection's SearchQueries: the
 * engine's own, or the read-only one of the BM25 worker (bm25-worker.ts). One function, so both rank alike.
 */
import type { ScoredId } from '../store/rows.ts';
import type { SearchFilter, SearchQueries } from '../store/search-queries.ts';
import { anyTermMatch, queryTerms } from './analyze.ts';
import { planBm25 } from './bm25-plan.ts';

export type Bm25Queries = Pick<SearchQueries, 'bm25' | 'bm25WithCommonTerms' | 'matchCountUpTo'>;

/**
 * Weight of the query's own terms when words carried over from earlier turns of a conversation are searched
 * with it (those weigh 1). FTS5's bm25() sums one part per phrase of the MATCH expression, so a term listed
 * twice counts exactly twice: the carried context widens the search without outweighing the question.
 */
export const OWN_TERM_WEIGHT = 2;

/** `carried`: words from earlier turns of a conversation, searched at half the weight of the query's own. */
export function rankBm25(queries: Bm25Queries, query: string, k: number, filter: SearchFilter, budget: number, carried = ''): ScoredId[] {
  const own = queryTerms(query);
  const extra = carried.trim() === '' ? [] : queryTerms(carried).filter((term) => !own.includes(term));
  const terms = [...own, ...extra];
  if (terms.length === 0) return [];
  // Without carried terms the expression is the plain one: the same scores as before carried terms existed.
  const match = (group: readonly string[]) =>
    anyTermMatch(extra.length === 0 ? group : group.flatMap((term) => (own.includes(term) ? Array<string>(OWN_TERM_WEIGHT).fill(term) : [term])));
  // One term: nothing to set aside, so no need to count its matches.
  if (terms.length === 1) return queries.bm25(match(terms), k, filter);
  const plan = planBm25(
    terms.map((term) => ({ term, postings: queries.matchCountUpTo(anyTermMatch([term]), budget + 1) })),
    budget,
  );
  return plan.common.length === 0
    ? queries.bm25(match(plan.rare), k, filter)
    : queries.bm25WithCommonTerms(match(plan.rare), match(plan.common), k, filter);
}
