import type { Store } from '../../../electron/core/store/sqlite/store.ts';

/** Mean share of the exact top k (full scan, exact cosine) that the fast nearest() also returns. */
export function recallAt(store: Store, queries: readonly Float32Array[], k: number, folderIds?: readonly number[]): number {
  let found = 0;
  for (const query of queries) {
    const exact = new Set(store.vectors.nearestExact(query, k, folderIds).map((hit) => hit.id));
    found += store.vectors.nearest(query, k, folderIds).filter((hit) => exact.has(hit.id)).length / exact.size;
  }
  return found / queries.length;
}
