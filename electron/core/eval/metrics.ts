/**
 * Retrieval metrics over a ranked list of document ids and graded relevance judgments (qrels), as in BEIR and
 * trec_eval: nDCG@k with linear gains (gain = relevance grade, discount log2(rank + 1)), Recall@k (share of
 * the relevant documents found in the top k) and MRR@k (1 / rank of the first relevant document).
 * Ranked ids are deduplicated first: a document counts once, at its best rank.
 */

export type Judgments = ReadonlyMap<string, number>;

export function ndcgAt(ranked: readonly string[], judgments: Judgments, k: number): number {
  const top = unique(ranked).slice(0, k);
  const dcg = top.reduce((sum, id, index) => sum + gain(judgments, id) / Math.log2(index + 2), 0);
  const ideal = [...judgments.values()]
    .filter((grade) => grade > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, index) => sum + grade / Math.log2(index + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function recallAt(ranked: readonly string[], judgments: Judgments, k: number): number {
  const relevant = [...judgments].filter(([, grade]) => grade > 0).map(([id]) => id);
  if (relevant.length === 0) return 0;
  const top = new Set(unique(ranked).slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

export function mrrAt(ranked: readonly string[], judgments: Judgments, k: number): number {
  const index = unique(ranked).slice(0, k).findIndex((id) => gain(judgments, id) > 0);
  return index === -1 ? 0 : 1 / (index + 1);
}

/** 1 when any of the first k entries is judged relevant, else 0. Entries are passages here, not deduplicated. */
export function hitAt(passages: readonly string[], judgments: Judgments, k: number): number {
  return passages.slice(0, k).some((id) => gain(judgments, id) > 0) ? 1 : 0;
}

function gain(judgments: Judgments, id: string): number {
  return Math.max(0, judgments.get(id) ?? 0);
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
