/**
 * Tables of contents and back-of-book indexes rank below the passages that explain. Such a page names every
 * topic of a manual once, so it matches almost any question, often on more of its words than the page that
 * answers it; left as they are, these pages fill the top of the list for question after question.
 *
 * Why here, on the ranked candidates, and not in the index: they stay in the index unchanged and keep their
 * own BM25 and vector scores, so they are still found and cited, and someone asking for "the index of the
 * manual" still gets it (the role is a heading the query names, which BM25 matches in the heading column). Their score is only
 * scaled, once, for BM25, vector and fused lists alike, after ranking and before the top k are taken: one small
 * step that needs no change to FTS5, the vector tables or the search worker.
 *
 * Why half: a listing page then stays ahead of an ordinary page only when it matches the query at least twice
 * as well, as when the question names the listing itself or no page explains its terms.
 */
import type { ScoredId } from '../ports.ts';
import type { PassageRole } from '../types.ts';

export const LISTING_SCORE_WEIGHT = 0.5;

/** Where the roles of candidate chunks come from (the store's search queries). */
export interface ChunkRoles {
  rolesOf(ids: readonly number[]): Promise<ReadonlyMap<number, PassageRole>>;
}

/** The candidates with listing chunks' scores scaled down, re-sorted (stable: equal scores keep their order). */
export async function demoteListings(ranked: readonly ScoredId[], roles: ChunkRoles): Promise<ScoredId[]> {
  const listing = await roles.rolesOf(ranked.map((item) => item.id));
  if (listing.size === 0) return [...ranked];
  return ranked
    .map((item) => (listing.has(item.id) ? { id: item.id, score: scaled(item.score) } : item))
    .sort((a, b) => b.score - a.score);
}

/** Lower, whatever the sign: a cosine similarity can be negative. */
function scaled(score: number): number {
  return score >= 0 ? score * LISTING_SCORE_WEIGHT : score / LISTING_SCORE_WEIGHT;
}
