/**
 * What the window does in answer to the user: each command calls the API and dispatches the resulting
 * actions. Failures become an error banner with the engine's message and what to do.
 */
import type { ApiEvent, VerdictView } from '../../electron/shared/api.ts';
import { asApiError, type Api } from './api/client.ts';
import { newStreamId } from './format.ts';
import { lastQuestion, type Action, type State } from './state/reducer.ts';

export type Dispatch = (action: Action) => void;

export function createCommands(api: Api, dispatch: Dispatch, getState: () => State) {
  const attempt = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      dispatch({ type: 'error-shown', error: asApiError(error) });
      return undefined;
    }
  };
  /** Downloads the user cancelled, whose failure is expected. */
  const cancelled = new Set<string>();
  const commands = {
    refreshStatus: () => attempt(async () => dispatch({ type: 'status-loaded', status: await api.call('status', {}) })),
    refreshConversations: () => attempt(async () => dispatch({ type: 'conversations-loaded', conversations: await api.call('listConversations', {}) })),
    refreshModels: () => attempt(async () => dispatch({ type: 'models-loaded', models: await api.call('listModels', {}) })),
    refreshPrivacy: () => attempt(async () => dispatch({ type: 'privacy-loaded', privacy: await api.call('privacy', {}) })),
    setAuditEnabled: (enabled: boolean) => attempt(async () => dispatch({ type: 'privacy-loaded', privacy: await api.call('setAuditEnabled', { enabled }) })),
    setFolderRedaction: (path: string, redact: boolean) =>
      attempt(async () => dispatch({ type: 'privacy-loaded', privacy: await api.call('setFolderRedaction', { path, redact }) })),
    refreshApiServer: () => attempt(async () => dispatch({ type: 'api-server-loaded', apiServer: await api.call('apiServer', {}) })),
    setApiServer: (enabled: boolean) => attempt(async () => dispatch({ type: 'api-server-loaded', apiServer: await api.call('setApiServer', { enabled }) })),
    refreshTeamIndex: () => attempt(async () => dispatch({ type: 'team-index-loaded', teamIndex: await api.call('teamIndex', {}) })),
    /** Switches to the team index at `url` (null: this computer's own); the folders shown are then that index's. True once switched. */
    setTeamIndex: (url: string | null) =>
      attempt(async () => {
        dispatch({ type: 'team-index-loaded', teamIndex: await api.call('setTeamIndex', { url }) });
        await commands.refreshStatus();
        return true;
      }),
    openConversation: (id: number) => attempt(async () => dispatch({ type: 'conversation-opened', conversation: await api.call('getConversation', { id }) })),
    deleteConversation: (id: number) =>
      attempt(async () => {
        await api.call('deleteConversation', { id });
        dispatch({ type: 'conversation-deleted', id });
      }),
    async ask(question: string, regenerate = false): Promise<void> {
      const text = question.trim();
      if (text === '' || getState().streaming) return;
      const streamId = newStreamId();
      dispatch({ type: 'ask-started', streamId, question: text, regenerate });
      try {
        const outcome = await api.call('ask', { conversationId: getState().conversationId, question: text, streamId, regenerate });
        dispatch({ type: 'ask-finished', streamId, outcome });
      } catch (error) {
        dispatch({ type: 'ask-failed', streamId, error: asApiError(error) });
      }
    },
    regenerate: () => {
      const question = lastQuestion(getState());
      return question === undefined ? Promise.resolve() : commands.ask(question, true);
    },
    stop: () => {
      const streaming = getState().streaming;
      return streaming ? attempt(() => api.call('stopAnswer', { streamId: streaming.streamId })) : Promise.resolve(undefined);
    },
    openSource: (chunkId: number) => {
      dispatch({ type: 'source-opened', chunkId });
      return attempt(async () => dispatch({ type: 'source-loaded', passage: await api.call('getPassage', { chunkId }) }));
    },
    openFile: (path: string) => attempt(() => api.call('openFile', { path })),
    revealFile: (path: string) => attempt(() => api.call('revealFile', { path })),
    addFolder: (path: string) => attempt(() => api.call('addFolder', { path }).then(() => commands.refreshStatus())),
    chooseFolder: () =>
      attempt(async () => {
        const path = await api.call('chooseFolder', {});
        if (path !== null) await commands.addFolder(path);
      }),
    removeFolder: (path: string) => attempt(() => api.call('removeFolder', { path }).then(() => commands.refreshStatus())),
    setPaused: (path: string, paused: boolean) => attempt(() => api.call('setFolderPaused', { path, paused }).then(() => commands.refreshStatus())),
    setOcr: (path: string, ocr: boolean) => attempt(() => api.call('setFolderOcr', { path, ocr }).then(() => commands.refreshStatus())),
    setChatModel: (path: string | null) => attempt(() => api.call('setChatModel', { path }).then(() => commands.refreshStatus())),
    chooseChatModel: () =>
      attempt(async () => {
        const path = await api.call('chooseModelFile', {});
        if (path !== null) await commands.setChatModel(path);
      }),
    setEmbeddingModel: (path: string | null) => attempt(() => api.call('setEmbeddingModel', { path }).then(() => commands.refreshStatus())),
    chooseEmbeddingModel: () =>
      attempt(async () => {
        const path = await api.call('chooseModelFile', {});
        if (path !== null) await commands.setEmbeddingModel(path);
      }),
    attachAdapter: () =>
      attempt(async () => {
        const path = await api.call('chooseAdapterFile', {});
        if (path !== null) {
          // Kept in the library too (refused there, in one line, if it is not an adapter), so it stays listed with its fit once detached.
          dispatch({ type: 'adapters-loaded', adapters: await api.call('addAdapterFile', { path }) });
          await api.call('attachAdapter', { path, scale: 1 });
        }
        await commands.refreshStatus();
      }),
    refreshAdapters: () => attempt(async () => dispatch({ type: 'adapters-loaded', adapters: await api.call('listAdapters', {}) })),
    /** Attaches an adapter from the library at scale 1 (the host refuses one that does not fit, with the reason). */
    attachLibraryAdapter: (path: string) =>
      attempt(async () => {
        await api.call('attachAdapter', { path, scale: 1 });
        await Promise.all([commands.refreshStatus(), commands.refreshAdapters()]);
      }),
    /** "Add adapter file…": the file is remembered in the library (shared with `trove models adapters`). */
    addAdapterFile: () =>
      attempt(async () => {
        const path = await api.call('chooseAdapterFile', {});
        if (path !== null) dispatch({ type: 'adapters-loaded', adapters: await api.call('addAdapterFile', { path }) });
      }),
    forgetAdapterFile: (path: string) => attempt(async () => dispatch({ type: 'adapters-loaded', adapters: await api.call('forgetAdapterFile', { path }) })),
    setAdapterScale: (path: string, scale: number) => attempt(() => api.call('setAdapterScale', { path, scale }).then(() => commands.refreshStatus())),
    detachAdapter: (path: string) => attempt(() => api.call('detachAdapter', { path }).then(() => commands.refreshStatus())),
    /** Downloads (or resumes) a recommended model; the host makes it the model for its role when it is verified. */
    download: (name: string) =>
      attempt(async () => {
        dispatch({ type: 'download-started', name });
        try {
          await api.call('downloadModel', { name });
        } catch (error) {
          // Cancelling is what the user asked for, not an error: the partial file stays for Resume.
          if (!cancelled.delete(name)) throw error;
        } finally {
          dispatch({ type: 'download-finished', name });
          await Promise.all([commands.refreshModels(), commands.refreshStatus()]);
        }
      }),
    cancelDownload: (name: string) =>
      attempt(async () => {
        cancelled.add(name);
        const { cancelled: stopped } = await api.call('cancelDownload', { name });
        if (!stopped) cancelled.delete(name);
      }),
    copy: (text: string) => attempt(() => navigator.clipboard.writeText(text)),
    /** Two configurations answer `question` over the same sources; tokens arrive as answer-token events under `streamIds`. */
    compare: (question: string, configurations: readonly [string, string], streamIds: readonly [string, string], maxTokens?: number) =>
      attempt(() => api.call('compareAnswers', { question, configurations, streamIds, ...(maxTokens === undefined ? {} : { maxTokens }) })),
    newStreamIds: (): [string, string] => [newStreamId(), newStreamId()],
    markAnswer: (answerId: number, verdict: VerdictView, correctedAnswer?: string) =>
      attempt(() => api.call('markAnswer', { answerId, verdict, ...(correctedAnswer === undefined ? {} : { correctedAnswer }) })),
    chooseAdapterFile: () => attempt(() => api.call('chooseAdapterFile', {})),
    /** Asks where to save, then writes the approved answers there; undefined when cancelled or failed (the error is shown). */
    exportFeedback: () =>
      attempt(async () => {
        const path = await api.call('chooseExportFile', {});
        return path === null ? undefined : api.call('exportFeedback', { path });
      }),
  };
  return commands;
}

export type Commands = ReturnType<typeof createCommands>;

/** Engine events as actions, plus the refreshes a state change calls for. */
export function handleEvent(event: ApiEvent, dispatch: Dispatch, commands: Commands, menu: (command: Extract<ApiEvent, { type: 'menu' }>['command']) => void): void {
  switch (event.type) {
    case 'answer-token':
      dispatch({ type: 'answer-token', streamId: event.streamId, text: event.text });
      return;
    case 'index-progress':
      dispatch({ type: 'index-progress', progress: event.progress });
      return;
    case 'download-progress':
      dispatch({ type: 'download-progress', progress: event.progress });
      return;
    case 'state-changed':
      if (event.what === 'conversations') void commands.refreshConversations();
      else if (event.what === 'models') void Promise.all([commands.refreshStatus(), commands.refreshModels(), commands.refreshAdapters()]);
      else void commands.refreshStatus();
      return;
    case 'host-crashed':
      dispatch({ type: 'error-shown', error: { code: 'INTERNAL', message: event.message, action: 'Trove restarted its engine; try again.' } });
      return;
    case 'menu':
      menu(event.command);
      return;
  }
}
