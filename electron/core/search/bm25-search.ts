/**
 * BM25 for one query through the common-terms plan (bm25-plan.ts), over any connection's SearchQueries: the
 * engine's own, or the read-only one of the BM25 worker (bm25-worker.ts). One function, so both rank alike.
 */
import type { ScoredId } from '../store/rows.ts';
import type { SearchFilter, SearchQueries } from '../store/search-queries.ts';
import { anyTermMatch, queryTerms } from './analyze.ts';
import { planBm25 } from './bm25-plan.ts';

export type Bm25Queries = Pick<SearchQueries, 'bm25' | 'bm25WithCommonTerms' | 'matchCountUpTo'>;

export function rankBm25(queries: Bm25Queries, query: string, k: number, filter: SearchFilter, budget: number): ScoredId[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  // One term: nothing to set aside, so no need to count its matches.
  if (terms.length === 1) return queries.bm25(anyTermMatch(terms), k, filter);
  const plan = planBm25(
    terms.map((term) => ({ term, postings: queries.matchCountUpTo(anyTermMatch([term]), budget + 1) })),
    budget,
  );
  return plan.common.length === 0
    ? queries.bm25(anyTermMatch(plan.rare), k, filter)
    : queries.bm25WithCommonTerms(anyTermMatch(plan.rare), anyTermMatch(plan.common), k, filter);
}
