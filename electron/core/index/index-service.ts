/**
 * Indexing as the engine offers it: `trove index` and `trove watch` both queue work (reconciliation, watcher
 * events) and then drain the same durable queue, so a killed run of either resumes where it stopped.
 */
import type { FolderRow, IndexStore } from '../ports.ts';
import type { Clock } from '../types.ts';
import { whileLeased, type LeaseSettings } from './folder-lease.ts';
import { FolderScopes, type FolderScope } from './folder-scope.ts';
import { Indexer, type FolderIndexSummary, type IndexerPorts, type IndexRunOptions, type ProgressListener } from './indexer.ts';
import { JobRunner, type DrainCounts, type DrainOptions } from './job-runner.ts';
import { ProgressTracker } from './progress-tracker.ts';
import { reconcileFolder, type ReconcileResult } from './reconcile.ts';
import {
  refreshOnRead,
  REFRESH_BUDGET_BYTES,
  REFRESH_BUDGET_BYTES_WITH_EMBEDDINGS,
  type IndexedFile,
  type SearchPort,
} from './refresh-on-read.ts';

export class IndexService {
  readonly scopes: FolderScopes;
  private readonly indexer: Indexer;
  private readonly runner: JobRunner;
  private readonly store: IndexStore;
  private readonly clock: Clock;
  private readonly refreshBudgetBytes: number;

  constructor(
    ports: IndexerPorts,
    /** A shared index: a folder is indexed only while this client holds its lease (folder-lease.ts). */
    private readonly leasing?: LeaseSettings,
  ) {
    this.store = ports.store;
    this.clock = ports.clock;
    this.refreshBudgetBytes = ports.embedder ? REFRESH_BUDGET_BYTES_WITH_EMBEDDINGS : REFRESH_BUDGET_BYTES;
    this.indexer = new Indexer(ports);
    this.scopes = new FolderScopes(ports.store.folders, ports.maxFileBytes);
    this.runner = new JobRunner({ store: ports.store, clock: ports.clock, indexer: this.indexer, scopes: this.scopes });
  }

  /**
   * Reconciles one folder with the disk, then works off its queue. Keeps `trove index`'s summary contract. On a
   * shared index another client may hold the folder's lease: then nothing is done and the summary names it.
   */
  async indexFolder(folder: FolderRow, options: IndexRunOptions = {}): Promise<FolderIndexSummary> {
    if (!this.leasing) return this.indexFolderNow(folder, options);
    const outcome = await whileLeased(this.leasing, folder.id, options.signal, (signal) => this.indexFolderNow(folder, { ...options, signal }));
    if (outcome.held) return outcome.lost ? { ...outcome.result, heldBy: (await this.leasing.leases.holder(folder.id)) ?? 'another client' } : outcome.result;
    return { ...emptySummary(folder.path), heldBy: outcome.holder ?? 'another client' };
  }

  private async indexFolderNow(folder: FolderRow, options: IndexRunOptions): Promise<FolderIndexSummary> {
    const started = this.clock.now();
    const progress = this.tracker(folder, options.onProgress);
    await progress.scanning();
    const found = await this.reconcile(folder, options.signal);
    const drained = await this.drain({ folderId: folder.id, signal: options.signal, progress });
    if (!options.signal?.aborted) await this.store.folders.markIndexed(folder.id, this.clock.now());
    progress.end();
    return {
      folder: folder.path,
      files: found.files,
      indexed: drained.indexed,
      unchanged: found.unchanged + drained.unchanged,
      skipped: drained.skipped,
      failed: drained.failed + found.problems,
      removed: drained.removed,
      chunks: drained.chunks,
      seconds: (this.clock.now() - started) / 1000,
    };
  }

  /** Walks the folder and queues what differs from the index (ignore files are re-read first). */
  async reconcile(folder: FolderRow, signal?: AbortSignal): Promise<ReconcileResult> {
    this.scopes.invalidate(folder.id);
    const scope = await this.scope(folder);
    return reconcileFolder({ store: this.store, clock: this.clock, indexer: this.indexer }, folder, scope.rules, scope.maxFileBytes, signal);
  }

  drain(options: DrainOptions = {}): Promise<DrainCounts> {
    return this.runner.drain(options);
  }

  /**
   * Marks a folder that is not on disk `missing` (its index is kept until the user forgets it), and says whether it
   * did. A shared index's folder absent here may be on another client's drive: its status is not this client's to set.
   */
  async markMissing(folderId: number, problem: string): Promise<boolean> {
    if (this.leasing) return false;
    await this.store.folders.setStatus(folderId, 'missing', problem);
    return true;
  }

  /**
   * Runs a folder's `work` (reconciling, draining) as `trove watch` does: at once on a local index; on a shared
   * one only while this client holds the folder's lease. False when another client holds it: that client does
   * the work, or this one on a later try.
   */
  async asLeaseholder(folderId: number, signal: AbortSignal | undefined, work: (signal: AbortSignal | undefined) => Promise<unknown>): Promise<boolean> {
    if (!this.leasing) {
      await work(signal);
      return true;
    }
    return (await whileLeased(this.leasing, folderId, signal, work)).held;
  }

  /**
   * Works off queued jobs for `trove watch`. A local index drains its whole queue; a shared one only the folders
   * this client watches (another client's folders may not exist on this machine: their jobs would read as
   * deleted files), each while holding its lease. Returns how many folders another client was holding.
   */
  async drainWatched(folderIds: readonly number[], options: DrainOptions = {}): Promise<number> {
    if (!this.leasing) {
      await this.drain(options);
      return 0;
    }
    let heldElsewhere = 0;
    for (const folderId of folderIds) {
      if (options.signal?.aborted) break;
      if (!(await this.asLeaseholder(folderId, options.signal, (signal) => this.drain({ ...options, folderId, signal })))) heldElsewhere++;
    }
    return heldElsewhere;
  }

  /**
   * `search`, with the files behind its hits checked against the disk and brought up to date through this
   * queue first (refresh-on-read.ts): what answers are built from.
   */
  refreshingOnRead(search: SearchPort): SearchPort {
    const queue = (files: readonly IndexedFile[]) => this.store.jobs.enqueueMany(files.map((file) => ({ ...file, kind: 'upsert' as const })), this.clock.now());
    return refreshOnRead(search, {
      stored: (path) => this.store.stateByPath(path),
      excluded: async (files) => {
        const folderIds = new Set(files.map((file) => file.folderId));
        for (const folderId of folderIds) this.scopes.invalidate(folderId);
        const excluded = new Set<string>();
        for (const file of files) {
          const scope = await this.scopes.get(file.folderId);
          if (scope?.rules.ignores(file.path, false) ?? true) excluded.add(file.path);
        }
        return excluded;
      },
      queue,
      refreshNow: async (files) => {
        await queue(files);
        // Indexing with another embedding model than the index holds would switch (and empty) the vector table:
        // that is for `trove index` to do, not a side effect of asking. The files stay queued for it.
        if (await this.indexer.vectorsCurrent()) await this.runner.drainPaths(files.map((file) => file.path));
      },
      budgetBytes: this.refreshBudgetBytes,
    });
  }

  /** A progress tracker over one folder's queue (or the whole queue, for the watcher). */
  tracker(folder: Pick<FolderRow, 'id' | 'path'> | undefined, listener: ProgressListener | undefined): ProgressTracker {
    return new ProgressTracker(folder?.path ?? '', this.clock, listener, () => this.store.jobs.pendingCount(folder?.id));
  }

  async scope(folder: FolderRow): Promise<FolderScope> {
    const scope = await this.scopes.get(folder.id);
    if (!scope) throw new Error(`Folder ${folder.path} is not registered`);
    return scope;
  }
}

function emptySummary(folder: string): FolderIndexSummary {
  return { folder, files: 0, indexed: 0, unchanged: 0, skipped: 0, failed: 0, removed: 0, chunks: 0, seconds: 0 };
}
