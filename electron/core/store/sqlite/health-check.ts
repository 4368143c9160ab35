/**
 * A cheap "is this database usable" check run at every open: the schema must parse and both ends of every
 * table's b-tree must be readable. A full integrity_check reads the whole file (seconds on a large index), so
 * it is not run at start; damage it would find later still surfaces as DB_CORRUPT with the same advice.
 */
import { isCorruptionError, type SqliteDatabase } from '../../../../native/sqlite.ts';

/** Throws the SQLite corruption error it hits; returns normally for a healthy (or empty) database. */
export function checkDatabaseReadable(db: SqliteDatabase): void {
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string; sql: string | null }[];
  for (const { name, sql } of tables) {
    // Virtual tables (FTS5, vec0) are checked through their shadow tables, which are ordinary tables.
    if (sql === null || /^CREATE\s+VIRTUAL/i.test(sql)) continue;
    const quoted = `"${name.replaceAll('"', '""')}"`;
    if (/WITHOUT\s+ROWID/i.test(sql)) {
      db.prepare(`SELECT * FROM ${quoted} LIMIT 1`).all();
    } else {
      // The first and last rowid walk the left and right edges of the table's b-tree, root page included. Two
      // queries: SQLite answers a lone min() or max() from the b-tree's edge, but a query asking for both scans the
      // whole table (50 ms on the FTS data of a 10k-chunk index, at every start).
      db.prepare(`SELECT rowid FROM ${quoted} ORDER BY rowid LIMIT 1`).get();
      db.prepare(`SELECT rowid FROM ${quoted} ORDER BY rowid DESC LIMIT 1`).get();
    }
  }
}

export { isCorruptionError };
