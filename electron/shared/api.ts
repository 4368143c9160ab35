/**
 * The one API contract between the window (renderer), the preload, the main process and the engine host.
 * Dependency-free plain data types: the renderer imports them without pulling in Node or the engine, and
 * every value crosses a process boundary as structured-clone / JSON data.
 */

/** Why a call failed: a stable code (the engine's error codes), a one-line message, and what the user can do. */
export interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly action: string;
}

export interface FolderProblemView {
  readonly path: string;
  /** `indexed`: searchable, but parts were left out (pages OCR could not read), as `message` says. */
  readonly status: 'skipped' | 'failed' | 'indexed';
  readonly code: string;
  readonly message: string;
}

export interface FolderView {
  readonly path: string;
  readonly status: 'active' | 'paused' | 'missing';
  readonly paused: boolean;
  /** Scanned PDF pages and images are read with OCR (on unless turned off for the folder). */
  readonly ocr: boolean;
  readonly error: string | null;
  readonly documents: number;
  readonly chunks: number;
  readonly failed: number;
  readonly skipped: number;
  readonly pending: number;
  readonly indexedAt: number | null;
  /** On a team index: the other client indexing this folder now (its host name and process), else null. */
  readonly indexedBy: string | null;
  readonly problems: readonly FolderProblemView[];
}

export interface AdapterView {
  readonly path: string;
  readonly scale: number;
}

export interface ModelsInUse {
  /** Path of the chat model; null: answers are extractive (the best passages). */
  readonly chat: string | null;
  readonly embedding: string | null;
  readonly adapters: readonly AdapterView[];
  /** The chat model's context window in tokens, when one is loaded. */
  readonly contextSize: number | null;
  /** The compute backend in use (cpu, cuda, vulkan, metal), once a model is loaded. */
  readonly backend: string | null;
}

export interface AppStatus {
  readonly dataDir: string;
  /** The team index in use (its URL without the password); null: this computer's own index. Its folders are managed by its administrator. */
  readonly teamIndex: string | null;
  readonly folders: readonly FolderView[];
  readonly documents: number;
  readonly chunks: number;
  readonly models: ModelsInUse;
  readonly memory: { readonly rssBytes: number; readonly totalBytes: number };
  readonly notices: readonly string[];
}

export type AnswerKindView = 'generated' | 'extractive' | 'abstained' | 'ungrounded';

/** Where an indexed passage is: its chunk, file, lines (1-based, inclusive), page (PDF) and section. */
export interface PassageSpanView {
  readonly chunkId: number;
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly page: number | null;
  readonly heading: string;
}

/** One passage given to the model (or shown as an extractive answer); `cited` when the answer cites it. */
export interface SourceView extends PassageSpanView {
  readonly n: number;
  readonly cited: boolean;
}

export interface MessageView {
  readonly id: number;
  readonly role: 'user' | 'assistant';
  readonly text: string;
  /** Assistant messages only: where the answer came from. */
  readonly kind: AnswerKindView | null;
  readonly model: string | null;
  readonly aborted: boolean;
  /** Assistant messages: what was searched for ("Searched for: …" when it differs from the question); null if not recorded. */
  readonly query: string | null;
  /** Assistant messages: the answer's record, to mark it good or bad (markAnswer); null for older answers. */
  readonly answerId: number | null;
  readonly sources: readonly SourceView[];
  readonly createdAt: number;
}

export interface ConversationSummary {
  readonly id: number;
  readonly title: string;
  readonly updatedAt: number;
}

export interface ConversationView extends ConversationSummary {
  readonly messages: readonly MessageView[];
}

export interface AskOutcome {
  readonly conversationId: number;
  /** The question and its answer as saved. */
  readonly question: MessageView;
  readonly answer: MessageView;
}

/** An indexed passage in its file: `before` + `passage` + `after` is a contiguous excerpt of the file. */
export interface PassageView extends PassageSpanView {
  readonly before: string;
  readonly passage: string;
  readonly after: string;
  /** False when the file's text cannot be shown around the passage (PDF, DOCX, changed on disk). */
  readonly inContext: boolean;
}

export interface InstalledModelView {
  readonly path: string;
  readonly fileName: string;
  readonly role: string;
  readonly architecture: string | null;
  readonly sizeBytes: number;
  readonly contextLength: number | null;
  readonly quantization: string | null;
}

export interface RecommendedModelView {
  readonly name: string;
  readonly role: string;
  readonly description: string;
  readonly approxSizeBytes: number;
  readonly license: string;
  readonly installedPath: string | null;
  /** False when there is nothing Trove can download and verify (no URL, or no SHA-256 anywhere): `downloadableWhy` says. */
  readonly downloadable: boolean;
  readonly downloadableWhy: string;
  /** Bytes of an unfinished download that Download resumes (0 when none). */
  readonly partialBytes: number;
}

export interface ModelsView {
  readonly installed: readonly InstalledModelView[];
  readonly recommended: readonly RecommendedModelView[];
  readonly searched: readonly string[];
}

/** Whether a library adapter can be attached to the current chat model (see shared/adapter-fit.ts for its label). */
export interface AdapterFitView {
  readonly fits: boolean;
  /** The chat model it was checked against; null when none is chosen. */
  readonly chatModel: string | null;
  readonly chatArchitecture: string | null;
  /** Why it cannot be attached, as a clause ("it was made for llama models, the model is qwen2"); null when it fits. */
  readonly problem: string | null;
}

/** A LoRA adapter in the models folders or added by hand, described from its GGUF header. */
export interface LibraryAdapterView {
  readonly path: string;
  readonly fileName: string;
  /** 'project' | 'downloads' | 'env' (a models folder) or 'added' (by hand). */
  readonly origin: string;
  readonly sizeBytes: number;
  readonly name: string | null;
  readonly baseArchitecture: string | null;
  readonly baseModel: string | null;
  readonly rank: number | null;
  readonly alpha: number | null;
  readonly targets: readonly string[];
  readonly fit: AdapterFitView;
}

/** A file the library cannot offer (damaged, missing, or added by hand but not an adapter), with why. */
export interface AdapterProblemView {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  /** Added by hand: it can be removed from the list. */
  readonly chosen: boolean;
}

export interface AdapterLibraryView {
  readonly adapters: readonly LibraryAdapterView[];
  readonly problems: readonly AdapterProblemView[];
  readonly chatModel: string | null;
}

export interface SearchHitView extends PassageSpanView {
  readonly text: string;
  readonly score: number;
}

/** One answer in the local audit log, as the privacy view lists it. */
export interface AuditEntryView {
  readonly id: number;
  readonly at: number;
  readonly question: string;
  readonly kind: string;
  readonly model: string | null;
  /** How many passages the model was given, and which of them (by number) the answer cites. */
  readonly sources: number;
  readonly citations: readonly number[];
}

/** What redaction removed from an indexed file: its kind and lines, never the secret. */
export interface RedactionView {
  readonly path: string;
  readonly kind: string;
  readonly startLine: number;
  readonly endLine: number;
}

export interface PrivacyView {
  readonly auditEnabled: boolean;
  /** The newest entries first, at most AUDIT_VIEW_LIMIT; `auditTotal` counts them all. */
  readonly audit: readonly AuditEntryView[];
  readonly auditTotal: number;
  /** Every registered folder and whether secrets are redacted from it before indexing. */
  readonly folders: readonly { readonly path: string; readonly redact: boolean }[];
  readonly redactions: readonly RedactionView[];
}

/** The local API other apps on this computer use (MCP and OpenAI-compatible), when the user lets them. */
export interface ApiServerView {
  readonly enabled: boolean;
  /** `http://127.0.0.1:4749` while it runs. */
  readonly url: string | null;
  /** The bearer token clients send; null while off. */
  readonly token: string | null;
  /** Why it is not running although enabled (the port is taken…). */
  readonly error: string | null;
}

/** The team index (a shared PostgreSQL index several Trove clients search and keep up to date) the user chose, if any. */
export interface TeamIndexView {
  /** The chosen index's URL without its password; null: this computer's own index. */
  readonly url: string | null;
  /** Whether it is the index in use now (false while it cannot be reached: this computer's index is used meanwhile). */
  readonly inUse: boolean;
  /** Why it is not in use. */
  readonly problem: string | null;
}

/** One side of a comparison: the configuration as written, its answer and the answer's record for feedback. */
export interface ComparedAnswerView {
  readonly configuration: string;
  readonly answerId: number | null;
  readonly text: string;
  readonly kind: AnswerKindView;
  readonly model: string | null;
  readonly adapters: readonly AdapterView[];
  readonly aborted: boolean;
  /** The sources (by number) this answer cites. */
  readonly cited: readonly number[];
}

/** One question answered by two configurations over the same sources (`cited` is false: see each answer's `cited`). */
export interface CompareView {
  readonly question: string;
  readonly sources: readonly SourceView[];
  readonly answers: readonly [ComparedAnswerView, ComparedAnswerView];
}

export type VerdictView = 'good' | 'bad';

export interface FeedbackView {
  readonly answerId: number;
  readonly verdict: VerdictView;
  readonly corrected: boolean;
}

/** What an export wrote: files, counts, and examples per folder and per model configuration. */
export interface ExportSummaryView {
  readonly format: 'chat-jsonl' | 'alpaca';
  readonly files: { readonly train: string; readonly heldOut: string; readonly heldOutEval: string };
  readonly approved: number;
  readonly duplicatesRemoved: number;
  readonly train: number;
  readonly heldOut: number;
  readonly perFolder: Readonly<Record<string, number>>;
  readonly perConfiguration: Readonly<Record<string, number>>;
}

/** How many audit entries the privacy view shows (`trove audit` exports them all). */
export const AUDIT_VIEW_LIMIT = 50;

type Empty = Record<string, never>;

/** Methods the engine host implements. */
export interface HostMethods {
  status: { params: Empty; result: AppStatus };
  addFolder: { params: { path: string }; result: FolderView };
  removeFolder: { params: { path: string }; result: null };
  setFolderPaused: { params: { path: string; paused: boolean }; result: null };
  /** Turns OCR of the folder's scanned PDF pages and images on or off; those files are read again. */
  setFolderOcr: { params: { path: string; ocr: boolean }; result: null };
  search: { params: { query: string; k?: number }; result: readonly SearchHitView[] };
  listConversations: { params: Empty; result: readonly ConversationSummary[] };
  getConversation: { params: { id: number }; result: ConversationView };
  deleteConversation: { params: { id: number }; result: null };
  /** Streams `answer-token` events tagged with `streamId`; `regenerate` replaces the conversation's last answer. */
  ask: {
    params: { conversationId: number | null; question: string; streamId: string; regenerate?: boolean; retrieval?: boolean };
    result: AskOutcome;
  };
  stopAnswer: { params: { streamId: string }; result: { stopped: boolean } };
  getPassage: { params: { chunkId: number }; result: PassageView };
  listModels: { params: Empty; result: ModelsView };
  setChatModel: { params: { path: string | null }; result: ModelsInUse };
  setEmbeddingModel: { params: { path: string | null }; result: ModelsInUse };
  attachAdapter: { params: { path: string; scale: number }; result: ModelsInUse };
  setAdapterScale: { params: { path: string; scale: number }; result: ModelsInUse };
  detachAdapter: { params: { path: string }; result: ModelsInUse };
  /** LoRA adapters in the models folders, added by hand or attached, each checked against the chat model. */
  listAdapters: { params: Empty; result: AdapterLibraryView };
  /** Remembers a LoRA adapter file in the library (refused, and nothing kept, when it is not a readable adapter). */
  addAdapterFile: { params: { path: string }; result: AdapterLibraryView };
  /** Removes a file added by hand from the library (the file itself stays). */
  forgetAdapterFile: { params: { path: string }; result: AdapterLibraryView };
  /** Downloads (or resumes), verifies, and makes the model the one used for its role; progress comes as `download-progress` events. */
  downloadModel: { params: { name: string }; result: { path: string; selectedAs: 'chat' | 'embedding' | 'reranker' | null } };
  /** Stops a running download, keeping the partial file so the next download resumes it. */
  cancelDownload: { params: { name: string }; result: { cancelled: boolean } };
  privacy: { params: Empty; result: PrivacyView };
  setAuditEnabled: { params: { enabled: boolean }; result: PrivacyView };
  /** Takes effect by re-indexing the folder's files, which the watcher does next. */
  setFolderRedaction: { params: { path: string; redact: boolean }; result: PrivacyView };
  /** "Let other apps on this computer use Trove": the same server as `trove serve`, run in the host. */
  apiServer: { params: Empty; result: ApiServerView };
  /** Starts or stops it; remembered for the next start of the app. */
  setApiServer: { params: { enabled: boolean }; result: ApiServerView };
  teamIndex: { params: Empty; result: TeamIndexView };
  /** Opens the team index at `url` (postgres://…) and uses it from now on, remembered; null: this computer's own index. Refused, changing nothing, when it cannot be opened. */
  setTeamIndex: { params: { url: string | null }; result: TeamIndexView };
  /**
   * One question, the same sources, answers from two configurations (`current`, `none`, `adapter=FILE[@SCALE]`,
   * `model=FILE`), streamed one after the other as `answer-token` events tagged with their streamIds.
   */
  compareAnswers: {
    params: { question: string; configurations: readonly [string, string]; streamIds: readonly [string, string]; maxTokens?: number };
    result: CompareView;
  };
  /** Marks an answer good or bad, optionally with a corrected answer (approved whatever the verdict). */
  markAnswer: { params: { answerId: number; verdict: VerdictView; correctedAnswer?: string }; result: FeedbackView };
  /** Writes the approved answers as a fine-tuning dataset at `path`, with the held-out split beside it. */
  exportFeedback: { params: { path: string; format?: 'chat-jsonl' | 'alpaca'; split?: number }; result: ExportSummaryView };
  /** For the main process only: the absolute path when it is an indexed document, else an error. */
  resolveIndexedFile: { params: { path: string }; result: { path: string } };
}

/** Methods the main process implements itself (system dialogs and the desktop shell). */
export interface ShellMethods {
  /** Each returns null when the user cancels the dialog. */
  chooseFolder: { params: Empty; result: string | null };
  chooseModelFile: { params: Empty; result: string | null };
  chooseAdapterFile: { params: Empty; result: string | null };
  /** Where to save a fine-tuning export (a save dialog). */
  chooseExportFile: { params: Empty; result: string | null };
  /** Only indexed documents can be opened or revealed. */
  openFile: { params: { path: string }; result: null };
  revealFile: { params: { path: string }; result: null };
}

/** What the window may call: everything but the host's main-only methods. */
export type ApiMethods = Omit<HostMethods, 'resolveIndexedFile'> & ShellMethods;
export type ApiMethod = keyof ApiMethods;
export type HostMethod = keyof HostMethods;
export type AnyMethods = HostMethods & ShellMethods;
export type AnyMethod = keyof AnyMethods;

export type Params<M extends AnyMethod> = AnyMethods[M]['params'];
export type Result<M extends AnyMethod> = AnyMethods[M]['result'];

export interface IndexProgressView {
  readonly folder: string;
  readonly phase: 'scanning' | 'indexing' | 'done';
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly chunks: number;
  readonly etaMs: number | null;
  readonly currentPath: string | null;
}

export interface DownloadProgressView {
  readonly name: string;
  readonly receivedBytes: number;
  readonly totalBytes: number | null;
  /** Null until measured. */
  readonly bytesPerSecond: number | null;
  readonly etaMs: number | null;
  /** > 0 when this download resumed a partial file. */
  readonly resumedFrom: number;
}

/** Events pushed from the host (and main) to the window. */
export type ApiEvent =
  | { readonly type: 'answer-token'; readonly streamId: string; readonly text: string }
  | { readonly type: 'index-progress'; readonly progress: IndexProgressView }
  | { readonly type: 'state-changed'; readonly what: 'folders' | 'models' | 'conversations' }
  | { readonly type: 'download-progress'; readonly progress: DownloadProgressView }
  | { readonly type: 'host-crashed'; readonly message: string }
  /** A menu item or its accelerator was used (the window's own key handling covers the same shortcuts). */
  | { readonly type: 'menu'; readonly command: MenuCommand };

export type MenuCommand = 'new-chat' | 'focus-input' | 'stop-answer' | 'show-folders' | 'show-models' | 'show-privacy';

export type EventListener = (event: ApiEvent) => void;

/** A call's outcome as it crosses a boundary (Error objects lose their fields on the way, plain data does not). */
export type Reply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

/** What the preload puts on `window.trove`: one function per API method plus an event subscription. */
export type TroveApi = { readonly [M in ApiMethod]: (params: Params<M>) => Promise<Reply<Result<M>>> } & {
  /** Subscribes to events; returns the unsubscribe function. */
  readonly onEvent: (listener: EventListener) => () => void;
  /** The file-system path of a File dropped on the window (a DOM File; null when it has none). Local, no call. */
  readonly pathOfDroppedFile: (file: unknown) => string | null;
};
