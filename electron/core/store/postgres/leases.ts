/**
 * Team mode's rule that one client at a time indexes a folder: a lease per folder in the database. A client
 * takes it (or renews its own) for a while; another client gets it only once the holder stopped renewing and it
 * expired. Expiry is judged by the database's clock, the one clock all clients share.
 *
 * Only the lease itself is here: the engine's indexing path does not take leases yet (it still runs on SQLite).
 */
import type { PgPool } from '../../../../native/postgres.ts';

export class FolderLeases {
  constructor(private readonly pool: PgPool) {}

  /** Takes or renews the lease on `folderId` for `holder` for `ttlMs`; false when another client holds it. */
  async acquire(folderId: number, holder: string, ttlMs: number): Promise<boolean> {
    const { rows } = await this.pool.query(
      `INSERT INTO folder_leases (folder_id, holder, expires_at) VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')
       ON CONFLICT (folder_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE folder_leases.holder = excluded.holder OR folder_leases.expires_at <= clock_timestamp()
       RETURNING holder`,
      [folderId, holder, Math.max(0, Math.round(ttlMs))],
    );
    return rows.length === 1;
  }

  /** The client holding an unexpired lease on `folderId`, if any. */
  async holder(folderId: number): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ holder: string }>(
      'SELECT holder FROM folder_leases WHERE folder_id = $1 AND expires_at > clock_timestamp()',
      [folderId],
    );
    return rows[0]?.holder;
  }

  /** Gives the lease up at once (only its holder can). */
  async release(folderId: number, holder: string): Promise<void> {
    await this.pool.query('DELETE FROM folder_leases WHERE folder_id = $1 AND holder = $2', [folderId, holder]);
  }
}
