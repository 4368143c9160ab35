/**
 * The engine as the app holds it: opened for a data directory with the remembered models, its folders kept
 * live by a watcher, and reopened when the user picks another chat or embedding model. Model changes wait for
 * answers in progress, so a context is never disposed mid-answer.
 */
import { resolve } from 'node:path';
import type { Engine } from '../core/engine.ts';
import type { FileEvent } from '../core/index/job-runner.ts';
import type { IndexProgress } from '../core/index/indexer.ts';
import type { AnswerModelOptions } from '../core/models/llama-generator-open.ts';
import { openEngine } from '../core/open-engine.ts';
import type { FolderSettings } from '../core/store/sqlite/rows.ts';
import type { FolderEvent, LiveIndex } from '../core/watch/live-index.ts';

export interface SessionOptions {
  readonly dataDir: string;
  readonly threads?: number;
  /** How often the watcher looks for newly added or vanished folders. */
  readonly folderCheckMs?: number;
  readonly onProgress: (progress: IndexProgress) => void;
  readonly onFile: (event: FileEvent) => void;
  /** A folder is watched (its reconciliation is done), went missing, or failed. */
  readonly onFolder?: (event: FolderEvent) => void;
}

export class EngineSession {
  private engineNow: Engine | undefined;
  private live: LiveIndex | undefined;
  private watching: Promise<void> = Promise.resolve();
  private readonly busy = new Set<Promise<unknown>>();
  private switching: Promise<unknown> = Promise.resolve();

  private constructor(private readonly options: SessionOptions) {}

  static async open(options: SessionOptions): Promise<EngineSession> {
    const session = new EngineSession(options);
    await session.start({});
    return session;
  }

  get engine(): Engine {
    if (!this.engineNow) throw new Error('The engine is being reopened');
    return this.engineNow;
  }

  /** The engine, or undefined while it is being reopened. */
  get current(): Engine | undefined {
    return this.engineNow;
  }

  /** Runs `work` on the engine; a model switch waits for it to finish. */
  async use<T>(work: (engine: Engine) => Promise<T>): Promise<T> {
    await this.switching;
    const running = work(this.engine);
    this.busy.add(running);
    try {
      return await running;
    } finally {
      this.busy.delete(running);
    }
  }

  /** Changes a folder's settings and has the watcher reconcile the folder, so they apply now rather than at the next start. */
  updateFolderSettings(path: string, changes: Partial<FolderSettings>): void {
    this.engine.updateFolderSettings(path, changes); // throws for a folder that is not registered
    const folder = this.engine.store.folders.byPath(resolve(path));
    if (folder) this.live?.rescan(folder.id);
  }

  /** Reopens the engine with other models once current work is done (embedding: null = BM25 only). */
  reopen(models: { readonly embedModelPath?: string; readonly answerModels: AnswerModelOptions }): Promise<void> {
    const next = this.switching.then(async () => {
      await Promise.allSettled([...this.busy]);
      await this.stop();
      await this.start(models);
    });
    this.switching = next.catch(() => undefined);
    return next;
  }

  async dispose(): Promise<void> {
    await this.switching;
    await this.stop();
  }

  private async start(models: { readonly embedModelPath?: string; readonly answerModels?: AnswerModelOptions }): Promise<void> {
    const engine = await openEngine({
      dataDir: this.options.dataDir,
      threads: this.options.threads,
      loadEmbedder: true,
      embedModelPath: models.embedModelPath,
      answerModels: models.answerModels ?? {},
    }).catch(async (error: unknown) => {
      // A model that cannot be loaded must not lock the user out: open without models and report the error.
      if (!models.embedModelPath && !models.answerModels?.chatModelPath) throw error;
      this.engineNow = await openEngine({ dataDir: this.options.dataDir, threads: this.options.threads, loadEmbedder: true, answerModels: {} });
      this.watchInBackground();
      throw error;
    });
    this.engineNow = engine;
    this.watchInBackground();
  }

  /**
   * Starts keeping the folders live without waiting for it: the watcher first reconciles every folder with the
   * disk (a walk of each), and the window can search and answer meanwhile, its progress arriving as events. Waiting
   * made the app's start grow with the size of the folders.
   */
  private watchInBackground(): void {
    this.watching = this.engine
      .watch({
        onProgress: this.options.onProgress,
        onFile: this.options.onFile,
        onFolder: this.options.onFolder,
        folderCheckMs: this.options.folderCheckMs,
      })
      .then(
        (live) => void (this.live = live),
        (error: unknown) => this.options.onFolder?.({ path: '', kind: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
  }

  private async stop(): Promise<void> {
    await this.watching;
    await this.live?.dispose();
    this.live = undefined;
    await this.engineNow?.dispose();
    this.engineNow = undefined;
  }
}
