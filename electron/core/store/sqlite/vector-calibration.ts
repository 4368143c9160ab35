/**
 * The centre the 1-bit codes are taken against (see vector-codes.ts), kept in `meta`. It is the mean of the
 * stored vectors, re-estimated as the table grows (at 1,024, 4,096, 16,384 and 65,536 vectors); each
 * re-estimate rewrites every code so codes and queries always share one centre. Past 65,536 vectors the
 * mean is stable and is no longer recomputed, which bounds the total work.
 */
import { rowid, type SqliteDatabase } from '../../../../native/sqlite.ts';
import type { MetaTable } from './meta-table.ts';
import { binaryCode, blobVector, MeanAccumulator } from './vector-codes.ts';
import { createCodeTable } from './vector-layout.ts';

const CENTRE_KEY = 'vector_centre';
const CENTRE_COUNT_KEY = 'vector_centre_count';
const FIRST_CALIBRATION = 1024;
const GROWTH = 4;
const LAST_CALIBRATION = 65_536;
/** How often (in inserts) the table size is checked against the next calibration point. */
const CHECK_EVERY = 256;
const PAGE = 2048;

export class CodeCalibration {
  private cached: { key: string | undefined; centre: Float32Array | undefined } | undefined;
  private insertsSinceCheck = 0;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly meta: MetaTable,
    /** Must match the shard count of VectorTable. */
    private readonly shards: number,
  ) {}

  /** The current centre, re-read when another connection moved it. */
  centre(): Float32Array | undefined {
    const key = this.meta.get(CENTRE_COUNT_KEY);
    if (this.cached !== undefined && this.cached.key === key) return this.cached.centre;
    const encoded = this.meta.get(CENTRE_KEY);
    const centre = encoded === undefined ? undefined : blobVector(Buffer.from(encoded, 'base64'));
    this.cached = { key, centre };
    return centre;
  }

  reset(): void {
    this.meta.delete(CENTRE_KEY);
    this.meta.delete(CENTRE_COUNT_KEY);
    this.cached = undefined;
    this.insertsSinceCheck = 0;
  }

  /** Called after each insert; re-centres when the table reached the next calibration point. */
  noteInsert(dimensions: number): boolean {
    if (++this.insertsSinceCheck < CHECK_EVERY) return false;
    this.insertsSinceCheck = 0;
    const calibratedAt = Number(this.meta.get(CENTRE_COUNT_KEY) ?? 0);
    if (calibratedAt >= LAST_CALIBRATION) return false;
    const count = (this.db.prepare('SELECT count(*) AS n FROM chunk_vec_full').get() as { n: number }).n;
    if (count < Math.max(FIRST_CALIBRATION, calibratedAt * GROWTH)) return false;
    this.rebuildCodes(dimensions);
    return true;
  }

  /** Recomputes the centre from every stored vector and rewrites every code against it. */
  rebuildCodes(dimensions: number): void {
    this.db.transaction(() => {
      const mean = new MeanAccumulator(dimensions);
      let count = 0;
      this.forEachVector((_id, _folder, vector) => {
        mean.add(vector);
        count += 1;
      });
      const centre = mean.mean();
      this.db.exec('DROP TABLE IF EXISTS chunk_vec_codes');
      createCodeTable(this.db, dimensions);
      const insert = this.db.prepare(
        'INSERT INTO chunk_vec_codes (rowid, shard, code, folder_id) VALUES (?, ?, vec_bit(?), ?)',
      );
      this.forEachVector((id, folder, vector) => {
        insert.run(rowid(id), rowid(id % this.shards), binaryCode(vector, centre), rowid(folder));
      });
      this.meta.set(CENTRE_KEY, Buffer.from(centre.buffer, centre.byteOffset, centre.byteLength).toString('base64'));
      this.meta.set(CENTRE_COUNT_KEY, String(count));
      this.cached = undefined;
    })();
  }

  /** Pages through the full vectors by id (an open iterator would block the writes between pages). */
  private forEachVector(visit: (id: number, folderId: number, vector: Float32Array) => void): void {
    const page = this.db.prepare(
      'SELECT chunk_id AS id, folder_id AS folderId, embedding FROM chunk_vec_full WHERE chunk_id > ? ORDER BY chunk_id LIMIT ?',
    );
    let after = -1;
    for (;;) {
      const rows = page.all(after, PAGE) as { id: number; folderId: number; embedding: Buffer }[];
      for (const row of rows) visit(row.id, row.folderId, blobVector(row.embedding));
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return;
      after = last.id;
    }
  }
}
