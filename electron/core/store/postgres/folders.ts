/** Registered folders in the PostgreSQL store (the FolderCatalog port): one list shared by every client. */
import type { PgPool } from '../../../../native/postgres.ts';
import type { FolderCatalog, FolderRow, FolderSettings } from '../../ports.ts';

const FOLDER_COLUMNS = `id, path, status, error, added_at::float8 AS "addedAt", indexed_at::float8 AS "indexedAt"`;

export class PostgresFolders implements FolderCatalog {
  constructor(private readonly pool: PgPool) {}

  async add(path: string, now: number): Promise<FolderRow> {
    // DO UPDATE (a no-op) rather than DO NOTHING, so RETURNING gives the row that was already there.
    const { rows } = await this.pool.query<FolderRow>(
      `INSERT INTO folders (path, added_at) VALUES ($1, $2) ON CONFLICT (path) DO UPDATE SET path = excluded.path RETURNING ${FOLDER_COLUMNS}`,
      [path, now],
    );
    return rows[0] as FolderRow;
  }

  async byPath(path: string): Promise<FolderRow | undefined> {
    return (await this.pool.query<FolderRow>(`SELECT ${FOLDER_COLUMNS} FROM folders WHERE path = $1`, [path])).rows[0];
  }

  async byId(id: number): Promise<FolderRow | undefined> {
    return (await this.pool.query<FolderRow>(`SELECT ${FOLDER_COLUMNS} FROM folders WHERE id = $1`, [id])).rows[0];
  }

  async list(): Promise<FolderRow[]> {
    return (await this.pool.query<FolderRow>(`SELECT ${FOLDER_COLUMNS} FROM folders ORDER BY path`)).rows;
  }

  async settings(id: number): Promise<FolderSettings> {
    const { rows } = await this.pool.query<{ settings: FolderSettings }>('SELECT settings FROM folders WHERE id = $1', [id]);
    return rows[0]?.settings ?? {};
  }

  /** Merges `changes` into the folder's settings; a field set to undefined returns to the default. */
  async updateSettings(id: number, changes: Partial<FolderSettings>): Promise<FolderSettings> {
    const merged = JSON.parse(JSON.stringify({ ...(await this.settings(id)), ...changes })) as FolderSettings;
    await this.pool.query('UPDATE folders SET settings = $1 WHERE id = $2', [JSON.stringify(merged), id]);
    return merged;
  }

  /** Puts a folder in a group (a PostgreSQL role; null: no group, seen by every client). Row-level security does the rest. */
  async setGroup(id: number, groupRole: string | null): Promise<void> {
    await this.pool.query('UPDATE folders SET group_role = $1 WHERE id = $2', [groupRole, id]);
  }

  async setStatus(id: number, status: FolderRow['status'], error: string | null): Promise<void> {
    await this.pool.query('UPDATE folders SET status = $1, error = $2 WHERE id = $3', [status, error, id]);
  }

  async markIndexed(id: number, now: number): Promise<void> {
    await this.pool.query("UPDATE folders SET indexed_at = $1, status = 'active', error = NULL WHERE id = $2", [now, id]);
  }
}
