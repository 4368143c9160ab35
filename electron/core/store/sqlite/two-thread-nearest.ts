/**
 * Vector search whose first pass is shared with the search worker: both threads claim shards from one counter
 * until none is left, so the pass takes about half as long on two cores, and the worker, when it is busy with
 * BM25 first, simply claims fewer. The candidates are the same as a one-thread scan's, so are the results.
 */
import { SHARDS, ShardClaims, shardList, type ShardCandidates } from './code-scan.ts';
import type { ScoredId } from '../../ports.ts';
import type { VectorTable } from './vector-table.ts';
import type { SearchThread } from './search-thread.ts';

export async function nearestOnTwoThreads(
  vectors: VectorTable,
  thread: Pick<SearchThread, 'scanCodes'>,
  query: Float32Array,
  k: number,
  folderIds?: readonly number[],
): Promise<ScoredId[]> {
  const job = vectors.scanJob(query, k, folderIds);
  if (!job) return [];
  const claims = new ShardClaims();
  const helped = thread.scanCodes(job, claims.buffer).catch((): ShardCandidates[] => []);
  const scanned = vectors.scanShards(job, claims);
  scanned.push(...(await helped));
  // Shards the worker claimed but did not report (it failed or was stopped) are scanned here.
  const done = new Set(scanned.map((shard) => shard.shard));
  const missing = Array.from({ length: SHARDS }, (_, shard) => shard).filter((shard) => !done.has(shard));
  if (missing.length > 0) scanned.push(...vectors.scanShards(job, shardList(missing)));
  return vectors.rescore(query, scanned.flatMap((shard) => shard.ids), k);
}
