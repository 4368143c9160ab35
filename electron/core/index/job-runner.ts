/**
 * Works off the durable job queue. Each job is settled against the disk as it is now, whatever event queued
 * it: a file that exists and is not excluded is indexed, anything else is removed from the index. A job is
 * deleted only after its work committed, so a kill at any moment leaves it queued for the next start; since
 * the work is idempotent (same path, same bytes → same rows), doing it twice is harmless. Unexpected errors
 * are recorded on the job, which is retried a few times and then parked as failed; the queue goes on.
 */
import { lstat, stat } from 'node:fs/promises';
import type { IndexStore, Job } from '../ports.ts';
import type { Clock } from '../types.ts';
import type { FolderScope, FolderScopes } from './folder-scope.ts';
import { isIndexUnavailable, type Indexer, type Outcome } from './indexer.ts';
import type { ProgressTracker } from './progress-tracker.ts';

/** What happened to one path: an indexing outcome, or removal from the index. */
export type JobOutcome = Outcome | 'removed';

export interface FileEvent {
  readonly path: string;
  readonly outcome: JobOutcome;
  readonly chunks: number;
}

export interface DrainOptions {
  /** Only this folder's jobs (`trove index <folder>`); all non-paused folders otherwise. */
  readonly folderId?: number;
  readonly signal?: AbortSignal;
  readonly progress?: ProgressTracker;
  readonly onFile?: (event: FileEvent) => void;
}

export type DrainCounts = Record<JobOutcome, number> & { chunks: number };

/** Jobs read per query: memory stays flat however long the queue is. */
const BATCH = 100;

export class JobRunner {
  /** Drains run one at a time: the watcher and an index run in the same process share the queue. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: { readonly store: IndexStore; readonly clock: Clock; readonly indexer: Indexer; readonly scopes: FolderScopes },
  ) {}

  drain(options: DrainOptions = {}): Promise<DrainCounts> {
    const run = this.tail.then(() => this.drainNow(options));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Settles the queued jobs of these paths now, once each (an answer checking its sources, refresh-on-read.ts).
   * It does not wait behind a drain in progress: that may be a watcher's long queue, and an answer is waiting.
   * Running beside it is safe for the same reason a second process is: the work is idempotent, and a job
   * re-queued meanwhile keeps its newer version.
   */
  async drainPaths(paths: readonly string[]): Promise<DrainCounts> {
    const counts = emptyCounts();
    const jobs = await this.deps.store.jobs.pendingFor(paths);
    if (jobs.length === 0) return counts;
    await this.deps.indexer.prepareVectors();
    for (const job of jobs) await this.work(job, counts, {});
    return counts;
  }

  private async drainNow(options: DrainOptions): Promise<DrainCounts> {
    const counts = emptyCounts();
    await this.deps.indexer.prepareVectors();
    for (;;) {
      const jobs = await this.deps.store.jobs.next(BATCH, options.folderId);
      if (jobs.length === 0) return counts;
      for (const job of jobs) {
        if (options.signal?.aborted) return counts;
        await this.work(job, counts, options);
      }
    }
  }

  private async work(job: Job, counts: DrainCounts, options: DrainOptions): Promise<void> {
    const { store, clock } = this.deps;
    await options.progress?.starting(job.path);
    const onPages = (done: number, total: number) => options.progress?.pages(job.path, done, total);
    let result: { outcome: JobOutcome; chunks: number };
    try {
      result = await this.settle(job, onPages);
      await store.jobs.complete(job);
    } catch (error) {
      // The index went away: the job stays queued as it is (not counted as an attempt) and the drain stops.
      if (isIndexUnavailable(error)) throw error;
      // Per-file problems are recorded by the indexer; reaching here means something unexpected.
      await store.jobs.fail(job, oneLine(error), clock.now());
      result = { outcome: 'failed', chunks: 0 };
    }
    counts[result.outcome] += 1;
    counts.chunks += result.chunks;
    options.progress?.finished(result.chunks);
    options.onFile?.({ path: job.path, ...result });
  }

  private async settle(job: Job, onPages: (done: number, total: number) => void): Promise<{ outcome: JobOutcome; chunks: number }> {
    const { store, indexer, scopes } = this.deps;
    const scope = await scopes.get(job.folderId);
    if (!scope) return { outcome: 'unchanged', chunks: 0 }; // the folder was forgotten meanwhile
    const { folder } = scope;
    const onDisk = await lstatFile(job.path);
    if (onDisk.kind === 'file' && !scope.rules.ignores(job.path, false)) {
      return indexer.indexFile(folder, onDisk.entry, await store.stateByPath(job.path), scope.maxFileBytes, onPages);
    }
    if (onDisk.kind === 'unreadable') {
      const state = await store.stateByPath(job.path);
      await indexer.recordFailure(folder, { path: job.path, size: state?.size ?? 0, mtimeMs: state?.mtimeMs ?? 0 }, 'PERMISSION_DENIED', onDisk.message);
      return { outcome: 'failed', chunks: 0 };
    }
    if (!(await folderPresent(scope))) {
      // The whole folder went away (unmounted drive, deleted folder): keep its index until the user forgets it.
      await store.folders.setStatus(folder.id, 'missing', `Folder ${folder.path} does not exist`);
      return { outcome: 'unchanged', chunks: 0 };
    }
    const state = await store.stateByPath(job.path);
    if (!state) return { outcome: 'unchanged', chunks: 0 };
    await store.removeDocument(job.path);
    return { outcome: 'removed', chunks: 0 };
  }
}

type DiskState =
  | { readonly kind: 'file'; readonly entry: { path: string; size: number; mtimeMs: number } }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unreadable'; readonly message: string };

async function lstatFile(path: string): Promise<DiskState> {
  try {
    const stats = await lstat(path);
    if (!stats.isFile()) return { kind: 'absent' };
    return { kind: 'file', entry: { path, size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return { kind: 'unreadable', message: `Cannot read ${path}: permission denied` };
    return { kind: 'absent' };
  }
}

async function folderPresent(scope: FolderScope): Promise<boolean> {
  try {
    return (await stat(scope.folder.path)).isDirectory();
  } catch {
    return false;
  }
}

function emptyCounts(): DrainCounts {
  return { indexed: 0, unchanged: 0, skipped: 0, failed: 0, removed: 0, chunks: 0 };
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
