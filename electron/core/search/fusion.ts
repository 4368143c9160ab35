/**
 * Reciprocal rank fusion (Cormack et al., 2009): each list contributes 1 / (k + rank) for every id it holds.
 * Ranks, not raw scores, are fused because BM25 scores and cosine similarities live on unrelated scales.
 */
import type { ScoredId } from '../store/rows.ts';

export const RRF_K = 60;

export function reciprocalRankFusion(lists: readonly (readonly ScoredId[])[], k: number = RRF_K): ScoredId[] {
  const fused = new Map<number, { score: number; bestRank: number }>();
  for (const list of lists) {
    list.forEach((item, index) => {
      const rank = index + 1;
      const entry = fused.get(item.id) ?? { score: 0, bestRank: Number.POSITIVE_INFINITY };
      entry.score += 1 / (k + rank);
      entry.bestRank = Math.min(entry.bestRank, rank);
      fused.set(item.id, entry);
    });
  }
  return [...fused.entries()]
    // Ties (same fused score) go to the id that ranked higher somewhere, then to the lower id, so order is stable.
    .sort(([idA, a], [idB, b]) => b.score - a.score || a.bestRank - b.bestRank || idA - idB)
    .map(([id, entry]) => ({ id, score: entry.score }));
}
