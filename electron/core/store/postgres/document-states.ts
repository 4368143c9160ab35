/** What indexing reads back from the PostgreSQL store: documents' stat facts and fingerprints, and their chunks' texts. */
import { sep } from 'node:path';
import type { PgPool } from '../../../../native/postgres.ts';
import type { DocumentState } from '../../ports.ts';

// bigint columns come back from node-postgres as strings: read as float8 they are numbers (exact below 2^53).
const STATE_COLUMNS = `id, path, size::float8 AS size, mtime_ms::float8 AS "mtimeMs", hash, status, error_code AS "errorCode",
  chunk_fingerprint AS "chunkFingerprint", embed_fingerprint AS "embedFingerprint"`;

export class PostgresDocumentStates {
  constructor(private readonly pool: PgPool) {}

  async stateByPath(path: string): Promise<DocumentState | undefined> {
    const { rows } = await this.pool.query<DocumentState>(`SELECT ${STATE_COLUMNS} FROM documents WHERE path = $1`, [path]);
    return rows[0];
  }

  async statesForFolder(folderId: number): Promise<Map<string, DocumentState>> {
    const { rows } = await this.pool.query<DocumentState>(`SELECT ${STATE_COLUMNS} FROM documents WHERE folder_id = $1`, [folderId]);
    return new Map(rows.map((row) => [row.path, row]));
  }

  async pathsUnder(folderId: number, dir: string): Promise<string[]> {
    const prefix = dir.endsWith(sep) ? dir : `${dir}${sep}`;
    const { rows } = await this.pool.query<{ path: string }>(
      'SELECT path FROM documents WHERE folder_id = $1 AND left(path, $2) = $3',
      [folderId, prefix.length, prefix],
    );
    return rows.map((row) => row.path);
  }

  async chunksOf(documentId: number): Promise<{ id: number; text: string }[]> {
    const { rows } = await this.pool.query<{ id: number; text: string }>('SELECT id, text FROM chunks WHERE document_id = $1 ORDER BY seq', [documentId]);
    return rows;
  }
}
