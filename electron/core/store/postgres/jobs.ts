/**
 * The durable queue of indexing work in the PostgreSQL store (the JobQueue port), the same rules as the SQLite
 * queue (store/sqlite/job-repository.ts): a job is deleted only once its work committed, a re-queued path keeps
 * its place with a newer version, failures go to the back and are parked after MAX_JOB_ATTEMPTS. Shared by the
 * clients, so work one client queued another can finish.
 */
import type { PgPool } from '../../../../native/postgres.ts';
import { MAX_JOB_ATTEMPTS, type Job, type JobKind, type JobQueue } from '../../ports.ts';

const JOB_COLUMNS = 'id, folder_id AS "folderId", path, kind, attempts, version';
const NOT_PAUSED = "folder_id NOT IN (SELECT id FROM folders WHERE (settings ->> 'paused')::boolean IS TRUE)";
const UPSERT = `INSERT INTO jobs (folder_id, path, kind, updated_at) SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::bigint[])
  ON CONFLICT (path) DO UPDATE SET folder_id = excluded.folder_id, kind = excluded.kind, state = 'pending', attempts = 0,
    error = NULL, version = jobs.version + 1, updated_at = excluded.updated_at`;

export class PostgresJobs implements JobQueue {
  constructor(private readonly pool: PgPool) {}

  enqueue(folderId: number, path: string, kind: JobKind, now: number): Promise<void> {
    return this.enqueueMany([{ folderId, path, kind }], now);
  }

  async enqueueMany(jobs: readonly { folderId: number; path: string; kind: JobKind }[], now: number): Promise<void> {
    // One statement cannot touch the same path twice (ON CONFLICT): the last job of a path wins, as in a loop.
    const byPath = new Map(jobs.map((job) => [job.path, job]));
    if (byPath.size === 0) return;
    const list = [...byPath.values()];
    await this.pool.query(UPSERT, [list.map((job) => job.folderId), list.map((job) => job.path), list.map((job) => job.kind), list.map(() => now)]);
  }

  async next(limit: number, folderId?: number): Promise<Job[]> {
    const { rows } = await this.pool.query<Job>(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE state = 'pending' AND ${NOT_PAUSED} AND ($2::int IS NULL OR folder_id = $2) ORDER BY id LIMIT $1`,
      [limit, folderId ?? null],
    );
    return rows;
  }

  async pendingFor(paths: readonly string[]): Promise<Job[]> {
    if (paths.length === 0) return [];
    const { rows } = await this.pool.query<Job>(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE state = 'pending' AND ${NOT_PAUSED} AND path = ANY($1::text[]) ORDER BY id`,
      [paths],
    );
    return rows;
  }

  async complete(job: Job): Promise<void> {
    await this.pool.query('DELETE FROM jobs WHERE id = $1 AND version = $2', [job.id, job.version]);
  }

  async fail(job: Job, error: string, now: number): Promise<void> {
    const attempts = job.attempts + 1;
    // A new id from the sequence puts the job at the back of the queue.
    await this.pool.query(
      `UPDATE jobs SET id = nextval(pg_get_serial_sequence('jobs', 'id')), attempts = $1, error = $2, updated_at = $3,
         state = CASE WHEN $1 >= $4 THEN 'failed' ELSE 'pending' END
       WHERE id = $5 AND version = $6`,
      [attempts, error, now, MAX_JOB_ATTEMPTS, job.id, job.version],
    );
  }

  async pendingCount(folderId?: number): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM jobs WHERE state = 'pending' AND ($1::int IS NULL OR folder_id = $1)",
      [folderId ?? null],
    );
    return rows[0]?.n ?? 0;
  }
}
