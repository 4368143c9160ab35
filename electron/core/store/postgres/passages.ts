/** The chunks behind ranked ids, read from the PostgreSQL store (the PassageIndex port). */
import type { PgPool } from '../../../../native/postgres.ts';
import type { ChunkHit, PassageSource, SearchFilter } from '../../ports.ts';
import type { PassageRole } from '../../types.ts';
import { filterClause } from './filter.ts';

export class PostgresPassages {
  constructor(private readonly pool: PgPool) {}

  async hydrate(ids: readonly number[]): Promise<ChunkHit[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<ChunkHit>(
      `SELECT c.id AS "chunkId", d.id AS "documentId", d.folder_id AS "folderId", d.path, d.title, c.text, c.heading,
              c.start_line AS "startLine", c.end_line AS "endLine", c.page, d.indexed_at::float8 AS "indexedAt"
       FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ANY($1::int[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.chunkId, row]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async passing(ids: readonly number[], filter: SearchFilter): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const { clause, params } = filterClause(filter, 2);
    const { rows } = await this.pool.query<{ id: number }>(
      `SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ANY($1::int[]) ${clause}`,
      [ids, ...params],
    );
    return new Set(rows.map((row) => row.id));
  }

  async rolesOf(ids: readonly number[]): Promise<Map<number, PassageRole>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: number; role: PassageRole }>(
      'SELECT id, role FROM chunks WHERE role IS NOT NULL AND id = ANY($1::int[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.role]));
  }

  async passage(chunkId: number): Promise<PassageSource | undefined> {
    const { rows } = await this.pool.query<PassageSource>(
      `SELECT c.id AS "chunkId", d.path, d.format, d.hash, c.text, c.heading, c.start_line AS "startLine", c.end_line AS "endLine",
              c.page, c.start_char AS "startChar", c.end_char AS "endChar"
       FROM chunks c JOIN documents d ON d.id = c.document_id
       WHERE c.id = $1 AND d.status = 'indexed'`,
      [chunkId],
    );
    return rows[0];
  }
}
