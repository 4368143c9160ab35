/**
 * BM25 for one query through the common-terms plan (bm25-plan.ts), over any connection's SearchQueries: the
 * engine's own, or the read-only one of the BM25 worker (bm25-worker.ts). One function, so both rank alike.
 */
import type { ScoredId } from '../../ports.ts';
import type { SearchFilter } from '../../ports.ts';
import type { SearchQueries } from './search-queries.ts';
import { anyTermMatch, queryTerms } from '../../search/analyze.ts';
import { planBm25 } from '../../search/bm25-plan.ts';
import { adjacentPairs } from '../../search/adjacent-pairs.ts';
import { compoundVariants } from '../../search/compound-variants.ts';
import { indexedRespellings } from '../../search/respellings.ts';

/**
 * How much a query's word pairs count against its words. Chosen on the dev sets (scripts/eval/devsets: hit@5
 * +1.8 and +1.6 points at 0.1–0.3, less above) and checked on SciFact, which it must not hurt (0.6919 → 0.6954).
 */
const PAIR_WEIGHT = 0.2;

export type Bm25Queries = Pick<SearchQueries, 'bm25' | 'bm25WithCommonTerms' | 'matchCountUpTo' | 'rolesOf'>;

/**
 * `carried`: words from earlier turns of a conversation (a follow-up's context), searched with the query's own
 * at the same weight per term. Weighing them lower was measured on the dev sets' 46 follow-up conversations
 * (scripts/eval/devsets; own:carried 2:1, 3:2, 4:3 and 1:1 by repeating terms in the MATCH expression): 1:1
 * found the most (hit@5 91% and 92% against 77% and 75% at 2:1), because the carried word is usually the
 * conversation's subject ("bepasty", "Cockpit") while the follow-up's own words are generic ("take access away
 * from one person"); IDF already gives a generic carried word little weight.
 */
export function rankBm25(queries: Bm25Queries, query: string, k: number, filter: SearchFilter, budget: number, carried = ''): ScoredId[] {
  const own = queryTerms(query);
  // The query's words joined or split as this index writes them ("time zone" for "timezone"): compound-variants.ts;
  // and spelled as it does ("color" for "colour", "configuration" for "config"): respellings.ts.
  const postings = postingsCounter(queries, budget);
  const respelled = indexedRespellings(query, (term) => postings(term) > 0).values();
  const terms = [...new Set([...own, ...queryTerms(carried), ...compoundVariants(query, queries, own), ...respelled])];
  const { ranked, common } = rankTerms(queries, terms, k, filter, budget, postings);
  // A phrase of two common terms costs what matching them in full costs, which the plan is there to avoid.
  const pairs = own.length > 1 ? adjacentPairs(query).filter((pair) => !pair.split(' ').every((term) => common.has(term))) : [];
  if (pairs.length === 0) return ranked;
  // Contents and index pages hold the manual's headings word for word, so they match phrases by construction,
  // not because they explain them (demote-listings.ts): their word pairs add nothing.
  const paired = queries.bm25(anyTermMatch(pairs), k, filter);
  const listings = queries.rolesOf(paired.map((item) => item.id));
  return withPairs(ranked, paired.filter((item) => !listings.has(item.id)), k);
}

/**
 * Chunks matching a term, counted up to just over the plan's budget, once per search: the respelling check and
 * the plan both ask for the query's terms.
 */
function postingsCounter(queries: Bm25Queries, budget: number): (term: string) => number {
  const counts = new Map<string, number>();
  return (term) => {
    let count = counts.get(term);
    if (count === undefined) {
      count = queries.matchCountUpTo(anyTermMatch([term]), budget + 1);
      counts.set(term, count);
    }
    return count;
  };
}

/** The terms' BM25 ranking, and which terms the plan set aside as common. */
function rankTerms(
  queries: Bm25Queries,
  terms: readonly string[],
  k: number,
  filter: SearchFilter,
  budget: number,
  postings: (term: string) => number,
): { ranked: ScoredId[]; common: ReadonlySet<string> } {
  if (terms.length === 0) return { ranked: [], common: new Set() };
  const match = anyTermMatch;
  // One term: nothing to set aside, so no need to count its matches.
  if (terms.length === 1) return { ranked: queries.bm25(match(terms), k, filter), common: new Set() };
  const plan = planBm25(terms.map((term) => ({ term, postings: postings(term) })), budget);
  const ranked =
    plan.common.length === 0
      ? queries.bm25(match(plan.rare), k, filter)
      : queries.bm25WithCommonTerms(match(plan.rare), match(plan.common), k, filter);
  return { ranked, common: new Set(plan.common) };
}

/**
 * The terms' ranking with the query's word pairs (adjacent-pairs.ts) added at PAIR_WEIGHT of their own BM25
 * score. The pairs are ranked by a query of their own, not OR'ed with the terms: a phrase is rare, so its IDF is
 * high, and a long query's many pairs would outweigh its words (SciFact's claims: nDCG@10 0.656 with the pairs
 * OR'ed in at full weight, 0.695 at 0.2). A chunk only the pairs' query found scores as the terms' last one.
 */
function withPairs(terms: readonly ScoredId[], pairs: readonly ScoredId[], k: number): ScoredId[] {
  const floor = terms.length > 0 ? Math.min(...terms.map((item) => item.score)) : 0;
  const scores = new Map(terms.map((item) => [item.id, item.score]));
  for (const pair of pairs) scores.set(pair.id, (scores.get(pair.id) ?? floor) + PAIR_WEIGHT * pair.score);
  return [...scores]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}
