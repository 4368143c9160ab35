/**
 * The sqlite-vec table of chunk embeddings. Its dimension is fixed at creation, so it is (re)created when the
 * embedding model changes; every vector in it belongs to the current embedding fingerprint, which keeps
 * stale vectors out of search by construction.
 */
import { rowid, type SqliteDatabase } from '../../../native/sqlite.ts';
import type { ScoredId } from './rows.ts';
import { MetaTable } from './meta-table.ts';

const DIMS_KEY = 'vector_dims';
const FINGERPRINT_KEY = 'embedding_fingerprint';

export class VectorTable {
  private readonly meta: MetaTable;

  constructor(private readonly db: SqliteDatabase) {
    this.meta = new MetaTable(db);
  }

  get dimensions(): number | undefined {
    const value = this.meta.get(DIMS_KEY);
    return value === undefined ? undefined : Number(value);
  }

  get fingerprint(): string | undefined {
    return this.meta.get(FINGERPRINT_KEY);
  }

  /**
   * Makes the table hold vectors of `fingerprint`. When it held another fingerprint, all vectors are dropped
   * and every document is marked for re-embedding; returns true in that case.
   */
  useFingerprint(fingerprint: string, dimensions: number): boolean {
    if (this.fingerprint === fingerprint && this.dimensions === dimensions && this.exists()) return false;
    this.db.transaction(() => {
      this.db.exec('DROP TABLE IF EXISTS chunk_vec');
      this.db.exec(
        `CREATE VIRTUAL TABLE chunk_vec USING vec0(embedding float[${dimensions}] distance_metric=cosine, folder_id integer)`,
      );
      this.db.exec('UPDATE documents SET embed_fingerprint = NULL');
      this.meta.set(DIMS_KEY, String(dimensions));
      this.meta.set(FINGERPRINT_KEY, fingerprint);
    })();
    return true;
  }

  exists(): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'chunk_vec'").get() !== undefined;
  }

  insert(chunkId: number, folderId: number, vector: Float32Array): void {
    this.db
      .prepare('INSERT INTO chunk_vec(rowid, embedding, folder_id) VALUES (?, ?, ?)')
      .run(rowid(chunkId), vector, rowid(folderId));
  }

  deleteForDocument(documentId: number): void {
    if (!this.exists()) return;
    this.db
      .prepare('DELETE FROM chunk_vec WHERE rowid IN (SELECT id FROM chunks WHERE document_id = ?)')
      .run(documentId);
  }

  deleteForFolder(folderId: number): void {
    if (!this.exists()) return;
    this.db.prepare('DELETE FROM chunk_vec WHERE folder_id = ?').run(rowid(folderId));
  }

  /** Nearest chunks by cosine similarity (1 = same direction), optionally within some folders. */
  nearest(query: Float32Array, k: number, folderIds?: readonly number[]): ScoredId[] {
    if (!this.exists()) return [];
    const folderFilter =
      folderIds && folderIds.length > 0 ? `AND folder_id IN (${folderIds.map(() => '?').join(',')})` : '';
    const rows = this.db
      .prepare(`SELECT rowid AS id, distance FROM chunk_vec WHERE embedding MATCH ? AND k = ? ${folderFilter}`)
      .all(query, k, ...(folderIds ?? []).map(rowid)) as { id: number; distance: number }[];
    return rows.map((row) => ({ id: row.id, score: 1 - row.distance }));
  }

  count(): number {
    if (!this.exists()) return 0;
    return (this.db.prepare('SELECT count(*) AS n FROM chunk_vec').get() as { n: number }).n;
  }
}
