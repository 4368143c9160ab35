/**
 * The engine as the app holds it: opened for a data directory with the remembered models and, when the user
 * chose one, a team index (a shared PostgreSQL index); its folders kept live by a watcher; reopened when the
 * user picks another chat or embedding model or team index. Switches wait for answers in progress, so a context
 * is never disposed mid-answer.
 */
import type { Engine } from '../core/engine.ts';
import type { FileEvent } from '../core/index/job-runner.ts';
import type { ChangeSubscription } from '../core/ports.ts';
import type { IndexProgress } from '../core/index/indexer.ts';
import type { AnswerModelOptions } from '../core/models/llama-generator-open.ts';
import { SharedIndexError } from '../core/errors.ts';
import { openEngine } from '../core/open-engine.ts';
import { openSharedIndex } from '../core/shared-store.ts';
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
  /** The team index to use (postgres://…); undefined: this computer's own index. */
  readonly teamIndex?: string;
  /** Another client changed the team index (a folder, a document, the queue or who indexes what). */
  readonly onIndexChanged?: () => void;
}

type SessionModels = { readonly embedModelPath?: string; readonly answerModels?: AnswerModelOptions };

export class EngineSession {
  private engineNow: Engine | undefined;
  private live: LiveIndex | undefined;
  private changes: ChangeSubscription | undefined;
  private watching: Promise<void> = Promise.resolve();
  private readonly busy = new Set<Promise<unknown>>();
  private switching: Promise<unknown> = Promise.resolve();
  /** The team index chosen (undefined: this computer's own), whether or not it could be opened. */
  private teamIndexNow: string | undefined;
  /** Why the chosen team index is not in use (it could not be reached when the engine last opened). */
  private teamProblemNow: string | undefined;

  private constructor(private readonly options: SessionOptions) {
    this.teamIndexNow = options.teamIndex;
  }

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

  /** The team index chosen, and why it is not in use if it is not (the engine then uses this computer's own index). */
  get teamIndex(): { readonly url: string | undefined; readonly problem: string | undefined } {
    return { url: this.teamIndexNow, problem: this.teamProblemNow };
  }

  /**
   * Uses the team index at `url` (null: this computer's own index) once current work is done. The index is
   * opened first: one that cannot be opened fails here with its SharedIndexError and leaves the session as it was.
   */
  async useTeamIndex(url: string | null): Promise<void> {
    if (url !== null) await (await openSharedIndex(url)).dispose();
    return this.reopenWhenIdle(() => {
      this.teamIndexNow = url ?? undefined;
      return this.start({});
    });
  }

  /** Changes a folder's settings and has the watcher reconcile the folder, so they apply now rather than at the next start. */
  updateFolderSettings(path: string, changes: Partial<FolderSettings>): void {
    this.engine.updateFolderSettings(path, changes); // throws for a folder that is not registered
    const [folderId] = this.engine.folderIds([path]);
    if (folderId !== undefined) this.live?.rescan(folderId);
  }

  /** Reopens the engine with other models once current work is done (embedding: null = BM25 only). */
  reopen(models: SessionModels & { readonly answerModels: AnswerModelOptions }): Promise<void> {
    return this.reopenWhenIdle(() => this.start(models));
  }

  /** Stops the engine once the work in flight is done and runs `start`; later calls queue behind it. */
  private reopenWhenIdle(start: () => Promise<void>): Promise<void> {
    const next = this.switching.then(async () => {
      await Promise.allSettled([...this.busy]);
      await this.stop();
      await start();
    });
    this.switching = next.catch(() => undefined);
    return next;
  }

  async dispose(): Promise<void> {
    await this.switching;
    await this.stop();
  }

  /**
   * Opens the engine on the chosen team index; one that cannot be reached (the server is down, the laptop is off
   * the network) must not keep the user from their app: the engine then opens on this computer's own index and
   * the problem is kept for the window to show, until the next open.
   */
  private async start(models: SessionModels): Promise<void> {
    this.teamProblemNow = undefined;
    try {
      await this.startOn(models, this.teamIndexNow);
    } catch (error) {
      if (!(error instanceof SharedIndexError)) throw error;
      this.teamProblemNow = error.message;
      await this.startOn(models, undefined);
    }
  }

  private async startOn(models: SessionModels, sharedStore: string | undefined): Promise<void> {
    const open = (withModels: SessionModels) =>
      openEngine({
        dataDir: this.options.dataDir,
        threads: this.options.threads,
        loadEmbedder: true,
        embedModelPath: withModels.embedModelPath,
        answerModels: withModels.answerModels ?? {},
        sharedStore,
      });
    const engine = await open(models).catch(async (error: unknown) => {
      // A model that cannot be loaded must not lock the user out: open without models and report the error.
      if (error instanceof SharedIndexError || (!models.embedModelPath && !models.answerModels?.chatModelPath)) throw error;
      this.engineNow = await open({});
      this.watchInBackground();
      throw error;
    });
    this.engineNow = engine;
    this.watchInBackground();
    // Other clients' work shows as it commits; without the feed the window still shows this client's own.
    this.changes = await engine.watchIndexChanges(() => this.options.onIndexChanged?.()).catch(() => undefined);
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
    await this.changes?.close();
    this.changes = undefined;
    await this.watching;
    await this.live?.dispose();
    this.live = undefined;
    await this.engineNow?.dispose();
    this.engineNow = undefined;
  }
}
