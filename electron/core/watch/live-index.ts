/**
 * Keeps every registered folder's index live: each present folder is reconciled with the disk (catching up
 * on what changed while Trove was not running) and then watched; file events become durable jobs that are
 * drained at once. A periodic check notices folders that vanish (chokidar cannot report its own root going
 * away) or come back, and folders registered or forgotten meanwhile. One folder's trouble never stops the
 * others: it is marked `missing` (shown by `trove status`) and retried by the same check.
 */
import { stat } from 'node:fs/promises';
import type { IndexService } from '../index/index-service.ts';
import type { ProgressListener } from '../index/indexer.ts';
import type { FileEvent } from '../index/job-runner.ts';
import type { FolderRow, IndexStore } from '../ports.ts';
import type { Clock } from '../types.ts';
import { FolderWatcher, DEFAULT_WATCH_TIMING, type WatchTiming } from './folder-watcher.ts';

export interface FolderEvent {
  readonly path: string;
  readonly kind: 'watching' | 'missing' | 'error';
  readonly message?: string;
}

export interface LiveIndexOptions {
  readonly onProgress?: ProgressListener;
  readonly onFile?: (event: FileEvent) => void;
  readonly onFolder?: (event: FolderEvent) => void;
  readonly timing?: WatchTiming;
  /** How often folders are checked for having vanished, come back, or been (un)registered. */
  readonly folderCheckMs?: number;
}

const RULES_SETTLE_MS = 200;

export class LiveIndex {
  private readonly watchers = new Map<number, FolderWatcher>();
  private readonly stopping = new AbortController();
  private readonly rulesTimers = new Map<number, NodeJS.Timeout>();
  private checkTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private drainAgain = false;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: { readonly store: IndexStore; readonly clock: Clock; readonly indexing: IndexService },
    private readonly options: LiveIndexOptions = {},
  ) {}

  /** Reconciles and watches every present folder, resumes queued work, then keeps checking folders. */
  async start(): Promise<void> {
    await this.checkFolders();
    this.scheduleDrain(); // work queued by a run that was killed resumes even if nothing changes
    this.checkTimer = setInterval(() => {
      // A check that fails (a shared database briefly gone) is reported; the next one tries again.
      this.checking = this.checking.then(() => this.checkFolders()).catch((error: unknown) => this.reportError(error));
    }, this.options.folderCheckMs ?? 2000);
  }

  /** Resolves when queued work is done (for tests and benchmarks; the watcher itself never finishes). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Stops watching. The file being indexed finishes (its write is one transaction); queued work stays queued. */
  async dispose(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.checkTimer);
    clearTimeout(this.retryTimer);
    for (const timer of this.rulesTimers.values()) clearTimeout(timer);
    await this.checking;
    await Promise.all([...this.watchers.values()].map((watcher) => watcher.dispose()));
    this.watchers.clear();
    await this.draining;
  }

  private async checkFolders(): Promise<void> {
    const { store } = this.deps;
    const folders = await store.folders.list();
    for (const [id, watcher] of this.watchers) {
      if (!folders.some((folder) => folder.id === id)) await this.unwatch(id, watcher);
    }
    for (const folder of folders) {
      if (this.stopping.signal.aborted) return;
      const present = await isDirectory(folder.path);
      const watcher = this.watchers.get(folder.id);
      if (!present) {
        if (watcher) await this.unwatch(folder.id, watcher);
        if (folder.status !== 'missing' && (await this.deps.indexing.markMissing(folder.id, `Folder ${folder.path} does not exist`))) {
          this.options.onFolder?.({ path: folder.path, kind: 'missing' });
        }
      } else if (!watcher) {
        await this.watchFolder(folder);
      }
    }
  }

  private async watchFolder(folder: FolderRow): Promise<void> {
    const { store, clock, indexing } = this.deps;
    try {
      // Watch first, then reconcile: a change made during the walk is either seen by the walk or by the watcher.
      indexing.scopes.invalidate(folder.id);
      const { rules } = await indexing.scope(folder);
      const watcher = await FolderWatcher.start(
        folder.path,
        rules,
        {
          onPath: (path, kind) => this.enqueue(folder.id, path, kind),
          onDirectoryRemoved: (dir) =>
            this.queueing(folder.path, async () => {
              const paths = await store.pathsUnder(folder.id, dir);
              await store.jobs.enqueueMany(paths.map((path) => ({ folderId: folder.id, path, kind: 'remove' as const })), clock.now());
            }),
          onRulesChanged: () => this.rescan(folder.id),
          onError: (error) => this.options.onFolder?.({ path: folder.path, kind: 'error', message: error.message }),
        },
        this.options.timing ?? DEFAULT_WATCH_TIMING,
      );
      if (this.stopping.signal.aborted) return void (await watcher.dispose());
      this.watchers.set(folder.id, watcher);
      const reconciled = await indexing.asLeaseholder(folder.id, this.stopping.signal, (signal) => indexing.reconcile(folder, signal));
      if (reconciled && !this.stopping.signal.aborted) await store.folders.markIndexed(folder.id, clock.now());
      this.options.onFolder?.({ path: folder.path, kind: 'watching' });
      this.scheduleDrain();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store.folders.setStatus(folder.id, 'missing', `Cannot watch ${folder.path}: ${message}`).catch(() => undefined);
      this.options.onFolder?.({ path: folder.path, kind: 'error', message });
    }
  }

  private async unwatch(folderId: number, watcher: FolderWatcher): Promise<void> {
    this.watchers.delete(folderId);
    await watcher.dispose();
  }

  /**
   * Restarts a folder's watcher and reconciles it, once changes settle: after its ignore rules changed (newly
   * included directories must be watched too) or its settings did (e.g. redaction, which marks its files for
   * re-indexing). The folder is read afresh, so the new settings apply.
   */
  rescan(folderId: number): void {
    clearTimeout(this.rulesTimers.get(folderId));
    this.rulesTimers.set(
      folderId,
      setTimeout(() => {
        this.rulesTimers.delete(folderId);
        this.checking = this.checking.then(async () => {
          const watcher = this.watchers.get(folderId);
          if (watcher) await this.unwatch(folderId, watcher);
          const folder = await this.deps.store.folders.byId(folderId);
          if (folder && !this.stopping.signal.aborted) await this.watchFolder(folder);
        });
      }, RULES_SETTLE_MS),
    );
  }

  private enqueue(folderId: number, path: string, kind: 'upsert' | 'remove'): void {
    if (this.stopping.signal.aborted) return;
    this.queueing('', () => this.deps.store.jobs.enqueue(folderId, path, kind, this.deps.clock.now()));
  }

  /**
   * Queues jobs, then drains. The SQLite store queues before this returns (its promises do their work at once);
   * a shared database may fail, which is reported like any folder's trouble, and the next check retries.
   */
  private queueing(folderPath: string, queue: () => Promise<void>): void {
    queue().then(
      () => this.scheduleDrain(),
      (error: unknown) => this.reportError(error, folderPath),
    );
  }

  private reportError(error: unknown, folderPath = ''): void {
    this.options.onFolder?.({ path: folderPath, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }

  private scheduleDrain(): void {
    if (this.stopping.signal.aborted) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = (async () => {
      try {
        let heldElsewhere = 0;
        do {
          this.drainAgain = false;
          heldElsewhere = await this.deps.indexing.drainWatched([...this.watchers.keys()], {
            signal: this.stopping.signal,
            progress: this.deps.indexing.tracker(undefined, this.options.onProgress),
            onFile: this.options.onFile,
          });
        } while (this.drainAgain && !this.stopping.signal.aborted);
        // A folder another client was working on: its queue is tried again once that client may be done.
        if (heldElsewhere > 0 && !this.retryTimer) {
          this.retryTimer = setTimeout(() => {
            this.retryTimer = undefined;
            this.scheduleDrain();
          }, this.options.folderCheckMs ?? 2000);
        }
      } catch (error) {
        this.options.onFolder?.({ path: '', kind: 'error', message: error instanceof Error ? error.message : String(error) });
      } finally {
        this.draining = undefined;
      }
    })();
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
