/**
 * The first pass of vector search: the nearest 1-bit codes by Hamming distance, shard by shard, over any
 * connection (the engine's own, or the search worker's read-only one). Shards are claimed one at a time from a
 * counter that two threads may share, so both cores can scan one query's shards: sqlite-vec 0.1.9's prebuilt
 * library counts bits with a software popcount (no POPCNT instruction), which makes this pass the larger part
 * of a vector search on a big index (~7 of 9.5 ms at 100k vectors).
 */
import { rowid, type SqliteDatabase } from '../../../../native/sqlite.ts';
import { StatementCache } from './statement-cache.ts';

/**
 * Partitions of the code table; the first pass asks each for its share of the candidates. 32 rather than 8:
 * at 1M vectors 200 candidates took 44 ms from 8 shards and 26 ms from 32; 16 and 64 were within noise of 32.
 */
export const SHARDS = 32;

/** One query's first pass: what every shard is asked for. Plain data, so it can be posted to a worker. */
export interface CodeScanJob {
  readonly code: Uint8Array;
  /** Candidates taken from each shard. */
  readonly perShard: number;
  readonly folderIds: readonly number[];
}

/** The candidates one shard returned. */
export interface ShardCandidates {
  readonly shard: number;
  readonly ids: number[];
}

/** Where a scan gets the shards it is to scan, one at a time, until undefined. */
export interface ShardSource {
  next(): number | undefined;
}

/** A source of the given shards, for scanning what another thread claimed and did not report. */
export function shardList(shards: readonly number[]): ShardSource {
  let position = 0;
  return { next: () => shards[position++] };
}

/**
 * Hands out shard numbers 0 … SHARDS−1, each once, to whichever thread asks first. Backed by a
 * SharedArrayBuffer so a worker can claim from the same counter (Atomics make each claim unique).
 */
export class ShardClaims implements ShardSource {
  readonly buffer: SharedArrayBuffer;
  private readonly counter: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.buffer = buffer;
    this.counter = new Int32Array(buffer);
  }

  /** The next unclaimed shard, or undefined when all are taken. */
  next(): number | undefined {
    const shard = Atomics.add(this.counter, 0, 1);
    return shard < SHARDS ? shard : undefined;
  }
}

export class CodeScan {
  private readonly statements: StatementCache;

  constructor(db: SqliteDatabase) {
    this.statements = new StatementCache(db);
  }

  /** Scans shards as long as `source` hands them out; returns each scanned shard's candidates. */
  scan(job: CodeScanJob, source: ShardSource): ShardCandidates[] {
    const folders = job.folderIds;
    const folderFilter = folders.length > 0 ? `AND folder_id IN (${folders.map(() => '?').join(',')})` : '';
    const perShard = this.statements.get(
      `SELECT rowid AS id FROM chunk_vec_codes WHERE code MATCH vec_bit(?) AND k = ? AND shard = ? ${folderFilter}`,
    );
    const scanned: ShardCandidates[] = [];
    for (let shard = source.next(); shard !== undefined; shard = source.next()) {
      const rows = perShard.all(job.code, job.perShard, rowid(shard), ...folders.map(rowid)) as { id: number }[];
      scanned.push({ shard, ids: rows.map((row) => row.id) });
    }
    return scanned;
  }

  /** Forgets prepared statements, after the code table was dropped and recreated. */
  reset(): void {
    this.statements.clear();
  }
}
