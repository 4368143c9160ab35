/**
 * The window's state as pure transitions: every user action and every event from the engine is an Action,
 * and `reduce` says what the state becomes. Components only dispatch and render; all logic is here and
 * unit-tested without a browser.
 */
import type { ApiServerView,
  AdapterLibraryView,
  ApiError,
  AppStatus,
  AskOutcome,
  ConversationSummary,
  ConversationView,
  IndexProgressView,
  MessageView,
  DownloadProgressView,
  ModelsView,
  TeamIndexView,
  PassageView,
  PrivacyView,
} from '../../../electron/shared/api.ts';

export type View = 'chat' | 'compare' | 'folders' | 'models' | 'privacy';

export interface Streaming {
  readonly streamId: string;
  readonly question: string;
  readonly text: string;
  /** Token events received: the answer is visibly streaming when this grows. */
  readonly tokens: number;
  readonly regenerate: boolean;
}

export interface State {
  readonly view: View;
  readonly status: AppStatus | null;
  readonly conversations: readonly ConversationSummary[];
  readonly conversationId: number | null;
  readonly messages: readonly MessageView[];
  readonly streaming: Streaming | null;
  readonly progress: Readonly<Record<string, IndexProgressView>>;
  readonly models: ModelsView | null;
  /** The adapter library (Models view): adapters found or added, each with its fit to the chat model. */
  readonly adapters: AdapterLibraryView | null;
  /** The audit log and redaction settings, loaded when the privacy view opens. */
  readonly privacy: PrivacyView | null;
  /** The local API for other apps (address, token), loaded with the privacy view. */
  readonly apiServer: ApiServerView | null;
  /** The team index chosen (Folders view), loaded when that view opens. */
  readonly teamIndex: TeamIndexView | null;
  /** Downloads in progress by model name: started (progress null until the first report) or with their progress. */
  readonly downloads: Readonly<Record<string, DownloadProgressView | null>>;
  /** The source panel: which passage is open (null: closed); `passage` once loaded. */
  readonly source: { readonly chunkId: number; readonly passage: PassageView | null } | null;
  readonly error: ApiError | null;
}

export const initialState: State = {
  view: 'chat',
  status: null,
  conversations: [],
  conversationId: null,
  messages: [],
  streaming: null,
  progress: {},
  models: null,
  adapters: null,
  privacy: null,
  apiServer: null,
  teamIndex: null,
  downloads: {},
  source: null,
  error: null,
};

export type Action =
  | { readonly type: 'view-changed'; readonly view: View }
  | { readonly type: 'status-loaded'; readonly status: AppStatus }
  | { readonly type: 'conversations-loaded'; readonly conversations: readonly ConversationSummary[] }
  | { readonly type: 'conversation-opened'; readonly conversation: ConversationView }
  | { readonly type: 'conversation-deleted'; readonly id: number }
  | { readonly type: 'new-chat' }
  | { readonly type: 'ask-started'; readonly streamId: string; readonly question: string; readonly regenerate: boolean }
  | { readonly type: 'answer-token'; readonly streamId: string; readonly text: string }
  | { readonly type: 'ask-finished'; readonly streamId: string; readonly outcome: AskOutcome }
  | { readonly type: 'ask-failed'; readonly streamId: string; readonly error: ApiError }
  | { readonly type: 'index-progress'; readonly progress: IndexProgressView }
  | { readonly type: 'models-loaded'; readonly models: ModelsView }
  | { readonly type: 'adapters-loaded'; readonly adapters: AdapterLibraryView }
  | { readonly type: 'privacy-loaded'; readonly privacy: PrivacyView }
  | { readonly type: 'api-server-loaded'; readonly apiServer: ApiServerView }
  | { readonly type: 'team-index-loaded'; readonly teamIndex: TeamIndexView }
  | { readonly type: 'download-started'; readonly name: string }
  | { readonly type: 'download-progress'; readonly progress: DownloadProgressView }
  | { readonly type: 'download-finished'; readonly name: string }
  | { readonly type: 'source-opened'; readonly chunkId: number }
  | { readonly type: 'source-loaded'; readonly passage: PassageView }
  | { readonly type: 'source-closed' }
  | { readonly type: 'error-shown'; readonly error: ApiError }
  | { readonly type: 'error-dismissed' };

export function reduce(state: State, action: Action): State {
  switch (action.type) {
    case 'view-changed':
      return { ...state, view: action.view };
    case 'status-loaded':
      return { ...state, status: action.status, progress: keepProgressOf(state.progress, action.status) };
    case 'conversations-loaded':
      return { ...state, conversations: action.conversations };
    case 'conversation-opened':
      if (state.streaming) return state; // switching away mid-answer would orphan the stream
      return { ...state, view: 'chat', conversationId: action.conversation.id, messages: action.conversation.messages, source: null };
    case 'conversation-deleted':
      return {
        ...state,
        conversations: state.conversations.filter((c) => c.id !== action.id),
        ...(state.conversationId === action.id ? { conversationId: null, messages: [], source: null } : {}),
      };
    case 'new-chat':
      if (state.streaming) return state;
      return { ...state, view: 'chat', conversationId: null, messages: [], source: null };
    case 'ask-started':
      if (state.streaming) return state;
      return {
        ...state,
        view: 'chat',
        error: null,
        streaming: { streamId: action.streamId, question: action.question, text: '', tokens: 0, regenerate: action.regenerate },
      };
    case 'answer-token':
      if (state.streaming?.streamId !== action.streamId) return state;
      return { ...state, streaming: { ...state.streaming, text: state.streaming.text + action.text, tokens: state.streaming.tokens + 1 } };
    case 'ask-finished': {
      if (state.streaming?.streamId !== action.streamId) return state;
      const kept = state.streaming.regenerate ? dropLastExchange(state.messages) : state.messages;
      const { conversationId, question, answer } = action.outcome;
      return { ...state, streaming: null, conversationId, messages: [...kept, question, answer] };
    }
    case 'ask-failed':
      if (state.streaming?.streamId !== action.streamId) return state;
      return { ...state, streaming: null, error: action.error };
    case 'index-progress':
      // A finished run leaves nothing to show: the folder card says it is up to date instead of a stale bar.
      if (action.progress.phase === 'done') return { ...state, progress: withoutFolder(state.progress, action.progress.folder) };
      return { ...state, progress: { ...state.progress, [action.progress.folder]: action.progress } };
    case 'models-loaded':
      return { ...state, models: action.models };
    case 'adapters-loaded':
      return { ...state, adapters: action.adapters };
    case 'privacy-loaded':
      return { ...state, privacy: action.privacy };
    case 'api-server-loaded':
      return { ...state, apiServer: action.apiServer };
    case 'team-index-loaded':
      return { ...state, teamIndex: action.teamIndex };
    case 'download-started':
      return { ...state, downloads: { ...state.downloads, [action.name]: null } };
    case 'download-progress':
      // A report that arrives after the download finished (events and replies race) does not bring it back.
      if (!(action.progress.name in state.downloads)) return state;
      return { ...state, downloads: { ...state.downloads, [action.progress.name]: action.progress } };
    case 'download-finished': {
      return { ...state, downloads: Object.fromEntries(Object.entries(state.downloads).filter(([name]) => name !== action.name)) };
    }
    case 'source-opened':
      return { ...state, source: { chunkId: action.chunkId, passage: null } };
    case 'source-loaded':
      if (state.source?.chunkId !== action.passage.chunkId) return state; // another source was opened meanwhile
      return { ...state, source: { chunkId: action.passage.chunkId, passage: action.passage } };
    case 'source-closed':
      return { ...state, source: null };
    case 'error-shown':
      return { ...state, error: action.error };
    case 'error-dismissed':
      return { ...state, error: null };
  }
}

function dropLastExchange(messages: readonly MessageView[]): readonly MessageView[] {
  const last = messages.at(-1);
  const before = messages.at(-2);
  return last?.role === 'assistant' && before?.role === 'user' ? messages.slice(0, -2) : messages;
}

/**
 * Progress of folders that still have work queued. A folder the status reports with nothing pending is idle,
 * whatever the last progress event said (the last events of a run can be coalesced away); forgotten folders go.
 */
function keepProgressOf(progress: State['progress'], status: AppStatus): State['progress'] {
  const busy = new Set(status.folders.filter((f) => f.pending > 0).map((f) => f.path));
  return Object.fromEntries(Object.entries(progress).filter(([folder, p]) => busy.has(folder) && p.phase !== 'done'));
}

function withoutFolder(progress: State['progress'], folder: string): State['progress'] {
  if (!(folder in progress)) return progress;
  return Object.fromEntries(Object.entries(progress).filter(([path]) => path !== folder));
}

/** What the last answer's question was, for "regenerate". */
export function lastQuestion(state: State): string | undefined {
  const last = state.messages.at(-1);
  const before = state.messages.at(-2);
  return last?.role === 'assistant' && before?.role === 'user' ? before.text : undefined;
}

/** Whether the user still needs a chat model: the app then guides them and answers are extractive. */
export function needsChatModel(state: State): boolean {
  return state.status !== null && state.status.models.chat === null;
}
