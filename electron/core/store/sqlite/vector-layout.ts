/**
 * The on-disk layout of the vector tables, versioned in `meta` (the tables are created per model dimension by
 * VectorTable.useFingerprint, so they cannot live in the numbered schema migrations).
 *
 * Layout 1: one float `vec0` table `chunk_vec` scanned in full by every search.
 * Layout 2: 1-bit codes in `chunk_vec_codes` for a fast first pass, full vectors in `chunk_vec_full` for
 * rescoring (see vector-table.ts), codes in 8 shards.
 * Layout 3: the same in 32 shards (fewer candidates per shard: 1M-chunk search 44 → 26 ms).
 */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';
import { codeBytes } from './vector-codes.ts';
import type { MetaTable } from './meta-table.ts';

export const LAYOUT_KEY = 'vector_layout';
export const VECTOR_LAYOUT = '3';

export function createCodeTable(db: SqliteDatabase, dimensions: number): void {
  db.exec(
    `CREATE VIRTUAL TABLE chunk_vec_codes USING vec0(
       shard integer partition key, code bit[${codeBytes(dimensions) * 8}], folder_id integer)`,
  );
}

export function createVectorTables(db: SqliteDatabase, dimensions: number): void {
  db.exec(`
    CREATE TABLE chunk_vec_full (
      chunk_id  INTEGER PRIMARY KEY,
      folder_id INTEGER NOT NULL,
      embedding BLOB NOT NULL
    ) STRICT;
    CREATE INDEX chunk_vec_full_folder ON chunk_vec_full(folder_id);
  `);
  createCodeTable(db, dimensions);
}

export function dropVectorTables(db: SqliteDatabase): void {
  db.exec('DROP TABLE IF EXISTS chunk_vec; DROP TABLE IF EXISTS chunk_vec_codes; DROP TABLE IF EXISTS chunk_vec_full;');
}

/**
 * Converts an older layout in place, never re-embedding: layout 1's float vectors are copied into
 * `chunk_vec_full`; then `rebuildCodes` writes the codes in the current shards. Returns true when it converted
 * something.
 */
export function upgradeVectorLayout(
  db: SqliteDatabase,
  meta: MetaTable,
  dimensions: number | undefined,
  rebuildCodes: (dimensions: number) => void,
): boolean {
  const legacy = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'chunk_vec'").get() !== undefined;
  const coded = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'chunk_vec_full'").get() !== undefined;
  if (meta.get(LAYOUT_KEY) === VECTOR_LAYOUT || (!legacy && !coded)) return false;
  if (!legacy) {
    // Layout 2: the full vectors stay; only the codes move to the new shards.
    db.transaction(() => {
      if (dimensions !== undefined) rebuildCodes(dimensions);
      meta.set(LAYOUT_KEY, VECTOR_LAYOUT);
    })();
    return true;
  }
  db.transaction(() => {
    if (dimensions === undefined) {
      // Vectors of unknown dimension cannot be kept: the next indexing run embeds again.
      dropVectorTables(db);
      meta.delete('embedding_fingerprint');
      db.exec('UPDATE documents SET embed_fingerprint = NULL');
    } else {
      db.exec('DROP TABLE IF EXISTS chunk_vec_codes; DROP TABLE IF EXISTS chunk_vec_full;');
      createVectorTables(db, dimensions);
      db.exec('INSERT INTO chunk_vec_full (chunk_id, folder_id, embedding) SELECT rowid, folder_id, embedding FROM chunk_vec');
      db.exec('DROP TABLE chunk_vec');
      rebuildCodes(dimensions);
    }
    meta.set(LAYOUT_KEY, VECTOR_LAYOUT);
  })();
  return true;
}
