/** What redaction removed from each indexed document (migration 5): kind and lines only, never the secret. */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';
import type { RedactionReport, StoredRedaction } from '../../ports.ts';

export type { RedactionReport, StoredRedaction };

export class RedactionRepository {
  constructor(private readonly db: SqliteDatabase) {}

  /** Replaces the report of the document at `path` (no-op when it is not in the index). */
  replaceForPath(path: string, redactions: readonly StoredRedaction[]): void {
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT id FROM documents WHERE path = ?').get(path) as { id: number } | undefined;
      if (!row) return;
      this.db.prepare('DELETE FROM redactions WHERE document_id = ?').run(row.id);
      const insert = this.db.prepare('INSERT INTO redactions (document_id, kind, start_line, end_line) VALUES (?, ?, ?, ?)');
      for (const r of redactions) insert.run(row.id, r.kind, r.startLine, r.endLine);
    })();
  }

  /**
   * Turning redaction on or off changes what a folder's files index to, though the files did not change:
   * forgetting their chunk fingerprint makes the next reconciliation re-index them.
   */
  markFolderForReindex(folderId: number): void {
    this.db.prepare("UPDATE documents SET chunk_fingerprint = NULL WHERE folder_id = ? AND status = 'indexed'").run(folderId);
  }

  /** Every redaction, by file and line; only those of one folder when `folderId` is given. */
  list(folderId?: number): RedactionReport[] {
    return this.db
      .prepare(
        `SELECT d.path AS path, r.kind AS kind, r.start_line AS startLine, r.end_line AS endLine
         FROM redactions r JOIN documents d ON d.id = r.document_id
         WHERE d.status = 'indexed' AND (@folderId IS NULL OR d.folder_id = @folderId) ORDER BY d.path, r.start_line, r.kind`,
      )
      .all({ folderId: folderId ?? null }) as RedactionReport[];
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM redactions').get() as { n: number }).n;
  }
}
