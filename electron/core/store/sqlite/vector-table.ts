/**
 * Chunk embeddings, searched in two passes so search stays fast at a million chunks:
 *
 * - `chunk_vec_codes` (sqlite-vec `vec0`): a 1-bit code per vector (see vector-codes.ts), split into SHARDS
 *   partitions by chunk id, with `folder_id` as a metadata column for filtered search. The first pass asks
 *   every shard for its nearest codes by Hamming distance.
 * - `chunk_vec_full` (plain table): the full-precision vector per chunk. The candidates of the first pass are
 *   rescored here by exact cosine similarity, so scores are exact and only the candidate set is approximate.
 *
 * Why shards: vec0 0.1.9 picks each chunk's top k with an O(rows × k) selection, so one query for 128
 * candidates costs ~5× more than eight queries for 16 (measured: 10 ms vs 2.7 ms at 100k vectors).
 *
 * The dimension is fixed at creation, so the tables are (re)created when the embedding model changes; every
 * vector belongs to the current embedding fingerprint, which keeps stale vectors out of search by
 * construction. Older layouts are converted when the store opens (vector-layout.ts).
 */
import { rowid, type SqliteDatabase } from '../../../../native/sqlite.ts';
import { StatementCache } from './statement-cache.ts';
import type { ScoredId } from '../../ports.ts';
import { MetaTable } from './meta-table.ts';
import { binaryCode, blobVector, cosine, vectorBlob } from './vector-codes.ts';
import { CodeCalibration } from './vector-calibration.ts';
import { CodeScan, SHARDS, ShardClaims, type CodeScanJob, type ShardCandidates, type ShardSource } from './code-scan.ts';
import { createVectorTables, dropVectorTables, LAYOUT_KEY, upgradeVectorLayout, VECTOR_LAYOUT } from './vector-layout.ts';

const DIMS_KEY = 'vector_dims';
const FINGERPRINT_KEY = 'embedding_fingerprint';

/** The first pass returns at least this many candidates, and OVERSAMPLE × k when k is large. */
export const MIN_CANDIDATES = 128;
export const OVERSAMPLE = 4;
/** Codes shorter than this many bits get proportionally more candidates. */
const FULL_CODE_BITS = 256;

/**
 * How many first-pass candidates to rescore for the top `k`. Short codes separate close neighbours poorly
 * (64-bit codes of the tiny test model needed 512 candidates for recall@10 ≥ 0.95, 384-bit codes need 128),
 * so candidates grow as dimensions shrink; the bytes rescored stay the same.
 */
export function candidateCount(k: number, dimensions: number): number {
  return Math.max(MIN_CANDIDATES, OVERSAMPLE * k) * Math.max(1, Math.ceil(FULL_CODE_BITS / dimensions));
}

export class VectorTable {
  private readonly meta: MetaTable;
  private readonly statements: StatementCache;
  private readonly calibration: CodeCalibration;
  private readonly codeScan: CodeScan;

  constructor(private readonly db: SqliteDatabase) {
    this.meta = new MetaTable(db);
    this.statements = new StatementCache(db);
    this.calibration = new CodeCalibration(db, this.meta, SHARDS);
    this.codeScan = new CodeScan(db);
    upgradeVectorLayout(db, this.meta, this.dimensions, (dimensions) => this.calibration.rebuildCodes(dimensions));
  }

  get dimensions(): number | undefined {
    const value = this.meta.get(DIMS_KEY);
    return value === undefined ? undefined : Number(value);
  }

  get fingerprint(): string | undefined {
    return this.meta.get(FINGERPRINT_KEY);
  }

  /**
   * Makes the tables hold vectors of `fingerprint`. When they held another fingerprint, all vectors are
   * dropped and every document is marked for re-embedding; returns true in that case.
   */
  useFingerprint(fingerprint: string, dimensions: number): boolean {
    if (this.fingerprint === fingerprint && this.dimensions === dimensions && this.exists()) return false;
    this.db.transaction(() => {
      dropVectorTables(this.db);
      createVectorTables(this.db, dimensions);
      this.calibration.reset();
      this.db.exec('UPDATE documents SET embed_fingerprint = NULL');
      this.meta.set(DIMS_KEY, String(dimensions));
      this.meta.set(FINGERPRINT_KEY, fingerprint);
      this.meta.set(LAYOUT_KEY, VECTOR_LAYOUT);
    })();
    this.forgetStatements();
    return true;
  }

  exists(): boolean {
    return this.statements.get("SELECT 1 FROM sqlite_master WHERE name = 'chunk_vec_full'").get() !== undefined;
  }

  insert(chunkId: number, folderId: number, vector: Float32Array): void {
    const dimensions = this.dimensions;
    if (vector.length !== dimensions) {
      throw new Error(`Got a vector of ${vector.length} dimensions for a table of ${dimensions ?? 'no'} dimensions`);
    }
    this.statements.get('INSERT INTO chunk_vec_full (chunk_id, folder_id, embedding) VALUES (?, ?, ?)').run(
      chunkId, folderId, vectorBlob(vector),
    );
    this.statements.get('INSERT INTO chunk_vec_codes (rowid, shard, code, folder_id) VALUES (?, ?, vec_bit(?), ?)').run(
      rowid(chunkId), rowid(chunkId % SHARDS), binaryCode(vector, this.calibration.centre()), rowid(folderId),
    );
    // Re-centring recreates the code table; statements prepared against the old one are dropped with it.
    if (this.calibration.noteInsert(dimensions)) this.forgetStatements();
  }

  deleteForDocument(documentId: number): void {
    if (!this.exists()) return;
    const ids = this.statements.get(
      'SELECT v.chunk_id AS id FROM chunks c JOIN chunk_vec_full v ON v.chunk_id = c.id WHERE c.document_id = ?',
    ).all(documentId) as { id: number }[];
    this.deleteIds(ids);
  }

  deleteForFolder(folderId: number): void {
    if (!this.exists()) return;
    this.deleteIds(this.statements.get('SELECT chunk_id AS id FROM chunk_vec_full WHERE folder_id = ?').all(folderId) as { id: number }[]);
  }

  /**
   * Point deletes by rowid: vec0 cannot use `rowid IN (subquery)` and scans the whole table for it (34 ms
   * per call at 200k rows, paid by every document write), while a point delete costs microseconds.
   */
  private deleteIds(ids: readonly { id: number }[]): void {
    if (ids.length === 0) return;
    const deleteCode = this.statements.get('DELETE FROM chunk_vec_codes WHERE rowid = ?');
    const deleteFull = this.statements.get('DELETE FROM chunk_vec_full WHERE chunk_id = ?');
    this.db.transaction(() => {
      for (const { id } of ids) {
        deleteCode.run(rowid(id));
        deleteFull.run(id);
      }
    })();
  }

  /**
   * Nearest chunks by cosine similarity (1 = same direction), optionally within some folders. `candidates`
   * overrides how many first-pass candidates are rescored (for benchmarks and tests).
   */
  nearest(query: Float32Array, k: number, folderIds?: readonly number[], candidates?: number): ScoredId[] {
    const job = this.scanJob(query, k, folderIds, candidates);
    if (!job) return [];
    return this.rescore(query, this.scanShards(job, new ShardClaims()).flatMap((shard) => shard.ids), k);
  }

  /** The first pass of `nearest` as data, for scanning its shards on more than one thread; undefined when there is nothing to search. */
  scanJob(query: Float32Array, k: number, folderIds?: readonly number[], candidates?: number): CodeScanJob | undefined {
    if (!this.exists() || k <= 0) return undefined;
    const wanted = candidates ?? candidateCount(k, query.length);
    return { code: binaryCode(query, this.calibration.centre()), perShard: Math.ceil(wanted / SHARDS), folderIds: folderIds ?? [] };
  }

  /** Scans the shards that `source` hands to this thread. */
  scanShards(job: CodeScanJob, source: ShardSource): ShardCandidates[] {
    return this.codeScan.scan(job, source);
  }

  /** The top `k` of first-pass candidates by exact cosine against their full vectors; ids no longer stored drop out. */
  rescore(query: Float32Array, ids: readonly number[], k: number): ScoredId[] {
    if (ids.length === 0) return [];
    const rows = this.statements.get(
      'SELECT chunk_id AS id, embedding FROM chunk_vec_full WHERE chunk_id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(ids)) as { id: number; embedding: Buffer }[];
    return rows
      .map((row) => ({ id: row.id, score: cosine(query, blobVector(row.embedding)) }))
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, k);
  }

  /** Exact nearest chunks by scanning every full-precision vector: the reference the fast path is held to. */
  nearestExact(query: Float32Array, k: number, folderIds?: readonly number[]): ScoredId[] {
    if (!this.exists()) return [];
    const filter = folderIds && folderIds.length > 0 ? 'WHERE folder_id IN (SELECT value FROM json_each(?))' : '';
    const rows = this.db
      .prepare(`SELECT chunk_id AS id, embedding FROM chunk_vec_full ${filter}`)
      .all(...(filter ? [JSON.stringify(folderIds)] : [])) as { id: number; embedding: Buffer }[];
    return rows
      .map((row) => ({ id: row.id, score: cosine(query, blobVector(row.embedding)) }))
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, k);
  }

  /** Whether any vector is stored: cheap at any size, unlike count() which walks an index. */
  hasVectors(): boolean {
    return this.exists() && this.statements.get('SELECT 1 FROM chunk_vec_full LIMIT 1').get() !== undefined;
  }

  count(): number {
    if (!this.exists()) return 0;
    return (this.statements.get('SELECT count(*) AS n FROM chunk_vec_full').get() as { n: number }).n;
  }

  /** Re-centring and table changes drop the tables statements were prepared against. */
  private forgetStatements(): void {
    this.statements.clear();
    this.codeScan.reset();
  }
}
