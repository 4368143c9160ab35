/**
 * The durable queue of indexing work. A job says "bring the index entry for this path in line with the disk";
 * it is deleted only after that work is committed, so a killed process finds it again on the next start.
 * Jobs of paused folders stay queued and are not handed out.
 */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';
import { MAX_JOB_ATTEMPTS, type Job, type JobFailure, type JobKind } from '../../ports.ts';

export { MAX_JOB_ATTEMPTS, type Job, type JobFailure, type JobKind };

const JOB_COLUMNS = 'id, folder_id AS folderId, path, kind, attempts, version';
const NOT_PAUSED = "folder_id NOT IN (SELECT id FROM folders WHERE settings ->> '$.paused' = 1)";

export class JobRepository {
  constructor(private readonly db: SqliteDatabase) {}

  /** Queues work for one path; a path already queued keeps its place and takes the newer kind. */
  enqueue(folderId: number, path: string, kind: JobKind, now: number): void {
    this.db
      .prepare(
        `INSERT INTO jobs (folder_id, path, kind, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(path) DO UPDATE SET folder_id = excluded.folder_id, kind = excluded.kind, state = 'pending',
           attempts = 0, error = NULL, version = version + 1, updated_at = excluded.updated_at`,
      )
      .run(folderId, path, kind, now);
  }

  /** Queues many jobs in one transaction (a reconciliation of 100,000 files commits in batches, not per file). */
  enqueueMany(jobs: readonly { folderId: number; path: string; kind: JobKind }[], now: number): void {
    if (jobs.length === 0) return;
    this.db.transaction(() => {
      for (const job of jobs) this.enqueue(job.folderId, job.path, job.kind, now);
    })();
  }

  /** The oldest pending jobs (of one folder, or of every folder that is not paused). */
  next(limit: number, folderId?: number): Job[] {
    const folderFilter = folderId === undefined ? '' : 'AND folder_id = @folderId';
    return this.db
      .prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE state = 'pending' AND ${NOT_PAUSED} ${folderFilter} ORDER BY id LIMIT @limit`)
      .all({ limit, folderId: folderId ?? null }) as Job[];
  }

  /** The pending jobs of these paths, oldest first (jobs of paused folders stay queued, as in `next`). */
  pendingFor(paths: readonly string[]): Job[] {
    if (paths.length === 0) return [];
    return this.db
      .prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE state = 'pending' AND ${NOT_PAUSED} AND path IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .all(JSON.stringify(paths)) as Job[];
  }

  /** The work for `job` is committed. A job re-queued meanwhile (newer version) stays. */
  complete(job: Job): void {
    this.db.prepare('DELETE FROM jobs WHERE id = ? AND version = ?').run(job.id, job.version);
  }

  /** Records an unexpected failure; the job goes to the back of the queue, or is parked after too many tries. */
  fail(job: Job, error: string, now: number): void {
    const attempts = job.attempts + 1;
    this.db
      .prepare(
        `UPDATE jobs SET id = (SELECT max(id) + 1 FROM jobs), attempts = ?, error = ?, updated_at = ?,
           state = CASE WHEN ? >= ? THEN 'failed' ELSE 'pending' END
         WHERE id = ? AND version = ?`,
      )
      .run(attempts, error, now, attempts, MAX_JOB_ATTEMPTS, job.id, job.version);
  }

  /** Drops a folder's queued work (cancel). Returns how many jobs were dropped. */
  cancel(folderId: number): number {
    return this.db.prepare('DELETE FROM jobs WHERE folder_id = ?').run(folderId).changes;
  }

  pendingCount(folderId?: number): number {
    const row = this.db
      .prepare(`SELECT count(*) AS n FROM jobs WHERE state = 'pending' AND (@folderId IS NULL OR folder_id = @folderId)`)
      .get({ folderId: folderId ?? null }) as { n: number };
    return row.n;
  }

  /** Pending jobs per folder id. */
  pendingByFolder(): Map<number, number> {
    const rows = this.db
      .prepare("SELECT folder_id AS id, count(*) AS n FROM jobs WHERE state = 'pending' GROUP BY folder_id")
      .all() as { id: number; n: number }[];
    return new Map(rows.map((row) => [row.id, row.n]));
  }

  failures(): JobFailure[] {
    return this.db
      .prepare("SELECT folder_id AS folderId, path, kind, attempts, error FROM jobs WHERE state = 'failed' ORDER BY path")
      .all() as JobFailure[];
  }
}
