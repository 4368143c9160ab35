/**
 * The engine host: the engine, its live folders and the app's conversations behind the API contract, served
 * over any message port. Entries: utility-entry.ts (Electron's utilityProcess) and ws-entry.ts (tests).
 * Every call's params are validated here, whoever sent them: the host trusts no process.
 */
import { sep } from 'node:path';
import { errorAction, TroveError, type ErrorCode } from '../core/errors.ts';
import type { ApiError, ApiEvent, HostMethod } from '../shared/api.ts';
import { HOST_METHODS } from '../shared/methods.ts';
import { InvalidParamsError, parseParams } from '../shared/schemas.ts';
import { serveRpc, type PortLike } from '../shared/rpc.ts';
import { chatHandlers } from './chat-handlers.ts';
import type { HostContext } from './context.ts';
import { indexHandlers } from './index-handlers.ts';
import { modelHandlers } from './model-handlers.ts';
import { EngineSession } from './session.ts';
import { progressView } from './views.ts';

export interface HostOptions {
  readonly dataDir: string;
  readonly threads?: number;
  readonly folderCheckMs?: number;
  readonly now?: () => number;
}

export interface Host {
  /** Serves the API on a port (one per connected window or test client); returns the disconnect function. */
  connect(port: PortLike): () => void;
  dispose(): Promise<void>;
}

/** Progress is at most this frequent per folder; phase changes always pass. */
const PROGRESS_EVERY_MS = 100;
const FOLDERS_CHANGED_EVERY_MS = 250;

export async function startHost(options: HostOptions): Promise<Host> {
  const clients = new Set<(event: ApiEvent) => void>();
  const emit = (event: ApiEvent) => {
    for (const send of clients) send(event);
  };
  const now = options.now ?? Date.now;
  const lastProgress = new Map<string, { at: number; phase: string }>();
  // Counts change with every file: the window refreshes at most a few times a second, and once after the last.
  let pendingChange: NodeJS.Timeout | undefined;
  const foldersChanged = () => {
    pendingChange ??= setTimeout(() => {
      pendingChange = undefined;
      emit({ type: 'state-changed', what: 'folders' });
    }, FOLDERS_CHANGED_EVERY_MS);
  };
  // Progress can arrive while the session is still opening (the watcher's first reconciliation).
  const opened: { session?: EngineSession } = {};
  const folderOf = (path: string): string =>
    (opened.session?.current?.store.folders.list() ?? [])
      .map((f) => f.path)
      .filter((folder) => path.startsWith(folder.endsWith(sep) ? folder : folder + sep))
      .sort((a, b) => b.length - a.length)[0] ?? '';
  const session = await EngineSession.open({
    dataDir: options.dataDir,
    threads: options.threads,
    folderCheckMs: options.folderCheckMs,
    onProgress: (reported) => {
      // The watcher drains every folder's queue in one run (folder ''): attribute progress by the file's folder.
      const progress = reported.folder === '' && reported.currentPath ? { ...reported, folder: folderOf(reported.currentPath) } : reported;
      const last = lastProgress.get(progress.folder);
      if (last && last.phase === progress.phase && now() - last.at < PROGRESS_EVERY_MS) return;
      lastProgress.set(progress.folder, { at: now(), phase: progress.phase });
      emit({ type: 'index-progress', progress: progressView(progress) });
      if (progress.phase === 'done') foldersChanged();
    },
    onFile: () => foldersChanged(),
  });
  opened.session = session;
  const ctx: HostContext = { session, dataDir: options.dataDir, emit, now };
  const handlers = { ...indexHandlers(ctx), ...chatHandlers(ctx), ...modelHandlers(ctx) };
  const dispatch = (method: HostMethod, params: unknown): Promise<unknown> => {
    const handler = handlers[method] as (params: unknown) => Promise<unknown>;
    return handler(parseParams(method, params));
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
      await session.dispose();
    },
  };
}

/** Any thrown value as the API's error shape; no stack crosses the boundary. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof TroveError) return { code: error.code, message: error.message, action: errorAction(error.code) };
  if (error instanceof InvalidParamsError) return { code: error.code, message: error.message, action: errorAction('INVALID_ARGUMENT') };
  const message = error instanceof Error ? error.message : String(error);
  const code: ErrorCode = 'INTERNAL';
  return { code, message, action: errorAction(code) };
}
