/**
 * The optional second stage: a cross-encoder re-scores first-stage candidates against the query. Used by
 * answers (before the context is filled) and by evaluation (the `hybrid+rerank` mode).
 */
import type { Ranker } from '../answer/ports.ts';

export async function rerankHits<T extends { readonly text: string; readonly score: number }>(ranker: Ranker, query: string, hits: readonly T[]): Promise<T[]> {
  const scores = await ranker.rank(
    query,
    hits.map((hit) => hit.text),
  );
  // Stable: equal scores keep the first stage's order.
  return hits
    .map((hit, index) => ({ hit: { ...hit, score: scores[index] ?? 0 }, index }))
    .sort((a, b) => b.hit.score - a.hit.score || a.index - b.index)
    .map((entry) => entry.hit);
}
