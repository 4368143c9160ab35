// The vector first pass shared between the engine's thread and the search worker: both claim shards from one
// counter, and the result is exactly the one-thread search, including when the worker drops out mid-query.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { SHARDS, ShardClaims, type CodeScanJob, type ShardCandidates } from '../../../electron/core/store/sqlite/code-scan.ts';
import { SearchThread } from '../../../electron/core/store/sqlite/search-thread.ts';
import { nearestOnTwoThreads } from '../../../electron/core/store/sqlite/two-thread-nearest.ts';
import { ClusteredVectors } from '../../../scripts/bench/synthetic.ts';

let indexDir: string;
let store: Store;
const source = new ClusteredVectors({ dimensions: 384, clusters: 40, offset: 1.5, seed: 5 });

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'trove-two-thread-'));
  store = Store.open(join(indexDir, 'trove.db'));
  store.vectors.useFingerprint('e1', 384);
  // 3,000 vectors: each shard holds ~94, and k = 10 asks each for 4, so the first pass really selects.
  store.transaction(() => {
    for (let id = 1; id <= 3000; id++) store.vectors.insert(id, 1 + (id % 3), source.next());
  });
});

afterAll(async () => {
  store.dispose();
  await rm(indexDir, { recursive: true, force: true });
});

async function readyThread(): Promise<SearchThread> {
  const thread = new SearchThread(store.file);
  for (let waited = 0; waited < 20_000 && !thread.available(); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(thread.available()).toBe(true);
  return thread;
}

function jobFor(query: Float32Array, k: number, folderIds?: number[]): CodeScanJob {
  const job = store.vectors.scanJob(query, k, folderIds);
  if (!job) throw new Error('no scan job');
  return job;
}

const byShard = (shards: readonly ShardCandidates[]) => [...shards].sort((a, b) => a.shard - b.shard);

describe('the vector first pass on two threads', () => {
  it('the worker scans shards exactly like the engine, with and without a folder filter', async () => {
    const thread = await readyThread();
    try {
      for (const folderIds of [undefined, [2]]) {
        const job = jobFor(source.next(), 10, folderIds);
        // A fresh counter for each side: both scan every shard, so their candidates must be the same.
        const theirs = await thread.scanCodes(job, new ShardClaims().buffer);
        const mine = store.vectors.scanShards(job, new ShardClaims());
        expect(theirs.map((shard) => shard.shard).sort((a, b) => a - b)).toEqual(Array.from({ length: SHARDS }, (_, i) => i));
        expect(byShard(theirs)).toEqual(byShard(mine));
        expect(mine.every((shard) => shard.ids.length <= job.perShard)).toBe(true);
      }
    } finally {
      await thread.dispose();
    }
  });

  it('gives the one-thread results for every query, each shard scanned once', async () => {
    const thread = await readyThread();
    try {
      for (let query = 0; query < 20; query++) {
        const vector = source.next();
        const folderIds = query % 4 === 0 ? [1, 3] : undefined;
        expect(await nearestOnTwoThreads(store.vectors, thread, vector, 10, folderIds)).toEqual(store.vectors.nearest(vector, 10, folderIds));
      }
      // Shards claimed on one counter go to one side only.
      const job = jobFor(source.next(), 10);
      const claims = new ShardClaims();
      const theirs = thread.scanCodes(job, claims.buffer);
      const mine = store.vectors.scanShards(job, claims);
      const all = [...mine, ...(await theirs)].map((shard) => shard.shard).sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: SHARDS }, (_, i) => i));
    } finally {
      await thread.dispose();
    }
  });

  it('scans the shards a failing worker claimed but never reported', async () => {
    // A worker that claims five shards and then dies: those five must be scanned on the engine's thread.
    const claimed: number[] = [];
    const dying = {
      scanCodes: async (_job: CodeScanJob, buffer: SharedArrayBuffer): Promise<ShardCandidates[]> => {
        const claims = new ShardClaims(buffer);
        for (let i = 0; i < 5; i++) claimed.push(claims.next() as number);
        throw new Error('The search worker stopped (exit code 1)');
      },
    };
    const vector = source.next();
    expect(await nearestOnTwoThreads(store.vectors, dying, vector, 10)).toEqual(store.vectors.nearest(vector, 10));
    expect(claimed).toEqual([0, 1, 2, 3, 4]);
  });
});
