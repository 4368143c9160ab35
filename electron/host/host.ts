/**
 * The engine host: the engine, its live folders and the app's conversations behind the API contract, served
 * over any message port. Entries: utility-entry.ts (Electron's utilityProcess) and ws-entry.ts (tests).
 * Every call's params are validated here, whoever sent them: the host trusts no process.
 */
import { errorAction, TroveError, type ErrorCode } from '../core/errors.ts';
import type { IndexProgress } from '../core/index/indexer.ts';
import type { ApiError, ApiEvent, HostMethod, IndexProgressView } from '../shared/api.ts';
import { HOST_METHODS } from '../shared/methods.ts';
import { InvalidParamsError, validateParams } from '../shared/validate-params.ts';
import { serveRpc, type PortLike } from '../shared/rpc.ts';
import { adapterLibraryHandlers } from './adapter-library-handlers.ts';
import { restoreAdapters } from './adapter-memory.ts';
import { apiServerHandlers } from './api-server-handlers.ts';
import { chatHandlers } from './chat-handlers.ts';
import { feedbackHandlers } from './feedback-handlers.ts';
import type { HostContext } from './context.ts';
import { indexHandlers } from './index-handlers.ts';
import { modelHandlers } from './model-handlers.ts';
import { privacyHandlers } from './privacy-handlers.ts';
import { EngineSession } from './session.ts';
import { teamIndexHandlers } from './team-index-handlers.ts';
import { rememberedTeamIndex } from './team-index-setting.ts';
import { owningFolder, progressView } from './views.ts';

export interface HostOptions {
  readonly dataDir: string;
  readonly threads?: number;
  readonly folderCheckMs?: number;
  readonly now?: () => number;
  /** Where "Let other apps use Trove" listens (default 4749; tests pass 0). */
  readonly apiPort?: number;
}

export interface Host {
  /** Serves the API on a port (one per connected window or test client); returns the disconnect function. */
  connect(port: PortLike): () => void;
  dispose(): Promise<void>;
}

/** Progress is at most this frequent per folder; phase changes always pass. */
const PROGRESS_EVERY_MS = 100;
const FOLDERS_CHANGED_EVERY_MS = 250;
/**
 * Other clients' changes to a team index come at most this often: each makes the window read the team index's
 * overview, whose per-folder counts cost more on a big shared index than a local file's (and every member's
 * window reads them).
 */
const TEAM_CHANGES_EVERY_MS = 1000;

export async function startHost(options: HostOptions): Promise<Host> {
  const clients = new Set<(event: ApiEvent) => void>();
  const emit = (event: ApiEvent) => {
    for (const send of clients) send(event);
  };
  const now = options.now ?? Date.now;
  /** The last progress sent per folder: a folder whose last phase is not 'done' shows a progress bar. */
  const lastProgress = new Map<string, { at: number; view: IndexProgressView }>();
  // Progress can arrive while the session is still opening (the watcher's first reconciliation).
  const opened: { session?: EngineSession } = {};
  const sendProgress = (view: IndexProgressView) => {
    lastProgress.set(view.folder, { at: now(), view });
    emit({ type: 'index-progress', progress: view });
  };
  // The watcher reports each file as it starts and never says it is done: once a folder that was shown
  // indexing has nothing left queued, it is told so, or its last "1 of 4 files · 5 s left" would stay.
  // The folders (path and id), to attribute the watcher's progress and count what each has queued; read again
  // when a folder is watched, goes missing or fails, when another client changes a team index, and for progress
  // from a folder not known yet; not for every file.
  let folderIds = new Map<string, number>();
  const readFolders = async () => {
    const engine = opened.session?.current;
    if (engine) folderIds = new Map((await engine.listFolders()).map((folder) => [folder.path, folder.id]));
  };
  const finishIdleFolders = async () => {
    const engine = opened.session?.current;
    const running = [...lastProgress.values()].filter((p) => p.view.phase !== 'done').map((p) => p.view);
    if (!engine) return;
    for (const view of running) {
      const id = folderIds.get(view.folder);
      if (id !== undefined && (await engine.queuedIn(id)) > 0) continue;
      sendProgress({ ...view, phase: 'done', filesDone: view.filesTotal, etaMs: 0, currentPath: null });
    }
  };
  // Counts change with every file: the window refreshes at most a few times a second, and once after the last.
  let pendingChange: NodeJS.Timeout | undefined;
  const foldersChanged = (afterMs = FOLDERS_CHANGED_EVERY_MS) => {
    pendingChange ??= setTimeout(() => {
      pendingChange = undefined;
      // A team index that went away meanwhile fails this read; the window's own status call shows why.
      void finishIdleFolders().catch(() => undefined);
      emit({ type: 'state-changed', what: 'folders' });
    }, afterMs);
  };
  const session = await EngineSession.open({
    dataDir: options.dataDir,
    teamIndex: await rememberedTeamIndex(options.dataDir),
    threads: options.threads,
    folderCheckMs: options.folderCheckMs,
    onProgress: function report(reported: IndexProgress, foldersRead = false): void {
      // The watcher drains every folder's queue in one run (folder ''): attribute progress by the file's folder,
      // reading the folders again first when the file is in none known yet (a folder added since).
      const { currentPath } = reported;
      const folder = reported.folder === '' && currentPath ? owningFolder(currentPath, [...folderIds.keys()]) : reported.folder;
      if (folder === '' && currentPath && !foldersRead) {
        void readFolders().then(() => report(reported, true), () => undefined);
        return;
      }
      const progress = { ...reported, folder };
      const last = lastProgress.get(progress.folder);
      if (last && last.view.phase === progress.phase && now() - last.at < PROGRESS_EVERY_MS) return;
      sendProgress(progressView(progress));
      if (progress.phase === 'done') foldersChanged();
    },
    onFile: () => foldersChanged(),
    // Reconciled (indexedAt set, maybe nothing to do), missing or failing: the window shows it.
    onFolder: () => {
      void readFolders().catch(() => undefined);
      foldersChanged();
    },
    // On a team index, other clients' indexing: the window reads the folders again.
    onIndexChanged: () => {
      void readFolders().catch(() => undefined);
      foldersChanged(TEAM_CHANGES_EVERY_MS);
    },
  });
  opened.session = session;
  await readFolders().catch(() => undefined);
  const notices: string[] = [];
  // The adapters the user attached in an earlier run; a failure here must not keep the app from starting.
  await session
    .use((engine) => restoreAdapters(engine.settings, engine.generator, notices))
    .catch((error: unknown) => notices.push(`The remembered LoRA adapters were not attached: ${error instanceof Error ? error.message : String(error)}`));
  const ctx: HostContext = { session, dataDir: options.dataDir, emit, now, notices };
  const apiServer = apiServerHandlers(ctx, options.apiPort);
  await apiServer.restore();
  const handlers = {
    ...indexHandlers(ctx),
    ...chatHandlers(ctx),
    ...feedbackHandlers(ctx),
    ...modelHandlers(ctx),
    ...adapterLibraryHandlers(ctx),
    ...privacyHandlers(ctx),
    ...teamIndexHandlers(ctx),
    apiServer: apiServer.apiServer,
    setApiServer: apiServer.setApiServer,
  };
  const dispatch = async (method: HostMethod, params: unknown): Promise<unknown> => {
    const handler = handlers[method] as (params: unknown) => Promise<unknown>;
    return handler(await validateParams(method, params));
  };
  return {
    connect(port) {
      const served = serveRpc(
        port,
        async (method, params) => {
          if (!(HOST_METHODS as string[]).includes(method)) throw new TroveError('INVALID_ARGUMENT', `Unknown method ${method}`);
          return dispatch(method as HostMethod, params);
        },
        toApiError,
      );
      clients.add(served.emit);
      return () => {
        clients.delete(served.emit);
        served.dispose();
      };
    },
    async dispose() {
      clearTimeout(pendingChange);
      clients.clear();
      await apiServer.dispose();
      await session.dispose();
    },
  };
}

/** Any thrown value as the API's error shape; no stack crosses the boundary. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof TroveError) return { code: error.code, message: error.message, action: error.action };
  if (error instanceof InvalidParamsError) return { code: error.code, message: error.message, action: errorAction('INVALID_ARGUMENT') };
  const message = error instanceof Error ? error.message : String(error);
  const code: ErrorCode = 'INTERNAL';
  return { code, message, action: errorAction(code) };
}
