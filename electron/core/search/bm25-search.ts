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
 * `carried`: words from earlier turns of a conversation (a follow-up's context), searched with the query's own
 * at the same weight per term. Weighing them lower was measured on the dev sets' 46 follow-up conversations
 * (scripts/eval/devsets; own:carried 2:1, 3:2, 4:3 and 1:1 by repeating terms in the MATCH expression): 1:1
 * found the most (hit@5 91% and 92% against 77% and 75% at 2:1), because the carried word is usually the
 * conversation's subject ("bepasty", "Cockpit") while the follow-up's own words are generic ("take access away
 * from one person"); IDF already gives a generic carried word little weight.
 */
export function rankBm25(queries: Bm25Queries, query: string, k: number, filter: SearchFilter, budget: number, carried = ''): ScoredId[] {
  const terms = [...new Set([...queryTerms(query), ...queryTerms(carried)])];
  if (terms.length === 0) return [];
  const match = anyTermMatch;
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
