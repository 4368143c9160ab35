/** Reads one indexed chunk with what is needed to show it inside its file (the source panel of the app). */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';

export interface PassageRow {
  readonly chunkId: number;
  readonly path: string;
  readonly format: string | null;
  readonly hash: string | null;
  readonly text: string;
  readonly heading: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly page: number | null;
  readonly startChar: number;
  readonly endChar: number;
}

export class PassageQueries {
  constructor(private readonly db: SqliteDatabase) {}

  byChunkId(chunkId: number): PassageRow | undefined {
    return this.db
      .prepare(
        `SELECT c.id AS chunkId, d.path, d.format, d.hash, c.text, c.heading, c.start_line AS startLine, c.end_line AS endLine,
                c.page, c.start_char AS startChar, c.end_char AS endChar
         FROM chunks c JOIN documents d ON d.id = c.document_id
         WHERE c.id = ? AND d.status = 'indexed'`,
      )
      .get(chunkId) as PassageRow | undefined;
  }

  /** Whether `path` is a document in the index (indexed, skipped or failed: all are the user's own files). */
  isDocument(path: string): boolean {
    return this.db.prepare('SELECT 1 FROM documents WHERE path = ?').get(path) !== undefined;
  }
}
