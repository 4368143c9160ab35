/** Reads one indexed chunk with what is needed to show it inside its file (the source panel of the app). */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';
import type { PassageSource } from '../../ports.ts';

/** The row shape is the port's (ports.ts), so both stores hand the app the same passage. */
export type PassageRow = PassageSource;

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
}
