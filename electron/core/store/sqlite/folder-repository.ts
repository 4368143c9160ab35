/** Registered folders. Removing one removes everything indexed from it, index entries included. */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';
import type { FolderRow, FolderSettings } from './rows.ts';
import type { VectorTable } from './vector-table.ts';

const FOLDER_COLUMNS = 'id, path, status, error, added_at AS addedAt, indexed_at AS indexedAt';

export class FolderRepository {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly vectors: VectorTable,
  ) {}

  /** Registers `path` (absolute) if new; returns the folder either way. */
  add(path: string, now: number): FolderRow {
    this.db.prepare('INSERT INTO folders (path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING').run(path, now);
    const folder = this.byPath(path);
    if (!folder) throw new Error(`Folder ${path} was not saved`);
    return folder;
  }

  byPath(path: string): FolderRow | undefined {
    return this.db.prepare(`SELECT ${FOLDER_COLUMNS} FROM folders WHERE path = ?`).get(path) as FolderRow | undefined;
  }

  byId(id: number): FolderRow | undefined {
    return this.db.prepare(`SELECT ${FOLDER_COLUMNS} FROM folders WHERE id = ?`).get(id) as FolderRow | undefined;
  }

  list(): FolderRow[] {
    return this.db.prepare(`SELECT ${FOLDER_COLUMNS} FROM folders ORDER BY path`).all() as FolderRow[];
  }

  setStatus(id: number, status: FolderRow['status'], error: string | null): void {
    this.db.prepare('UPDATE folders SET status = ?, error = ? WHERE id = ?').run(status, error, id);
  }

  settings(id: number): FolderSettings {
    const row = this.db.prepare('SELECT settings FROM folders WHERE id = ?').get(id) as { settings: string } | undefined;
    return row ? (JSON.parse(row.settings) as FolderSettings) : {};
  }

  /** Merges `changes` into the folder's settings; a field set to undefined returns to the default. */
  updateSettings(id: number, changes: Partial<FolderSettings>): FolderSettings {
    const merged = JSON.parse(JSON.stringify({ ...this.settings(id), ...changes })) as FolderSettings;
    this.db.prepare('UPDATE folders SET settings = ? WHERE id = ?').run(JSON.stringify(merged), id);
    return merged;
  }

  markIndexed(id: number, now: number): void {
    this.db.prepare("UPDATE folders SET indexed_at = ?, status = 'active', error = NULL WHERE id = ?").run(now, id);
  }

  /** Deletes the folder, its documents, chunks, full-text entries and vectors in one transaction. */
  remove(id: number): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `DELETE FROM chunks_fts WHERE rowid IN
             (SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.folder_id = ?)`,
        )
        .run(id);
      this.vectors.deleteForFolder(id);
      this.db.prepare('DELETE FROM folders WHERE id = ?').run(id);
    })();
  }
}
