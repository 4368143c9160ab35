/**
 * Reciprocal rank fusion (Cormack et al., 2009): each list contributes 1 / (k + rank) for every id it holds.
 * Ranks, not raw scores, are fused because BM25 scores and cosine similarities live on unrelated scales.
 */
import type { ScoredId } from '../ports.ts';

export const RRF_K = 60;

export function reciprocalRankFusion(lists: readonly (readonly ScoredId[])[], k: number = RRF_K): ScoredId[] {
  const ranks = new Map<number, number[]>();
  for (const list of lists) {
    list.forEach((item, index) => {
      const seen = ranks.get(item.id);
      if (seen) seen.push(index + 1);
      else ranks.set(item.id, [index + 1]);
    });
  }
  // Contributions are summed best rank first: floating-point addition is not associative, and summing in list
  // order let two ids with the same ranks differ in the last bit, so list order (not the rule below) broke ties.
  const fused = [...ranks.entries()].map(([id, idRanks]) => {
    idRanks.sort((a, b) => a - b);
    let score = 0;
    for (const rank of idRanks) score += 1 / (k + rank);
    return { id, score, bestRank: idRanks[0] as number };
  });
  return fused
    // Ties (same fused score) go to the id that ranked higher somewhere, then to the lower id, so order is stable.
    .sort((a, b) => b.score - a.score || a.bestRank - b.bestRank || a.id - b.id)
    .map(({ id, score }) => ({ id, score }));
}
