/**
 * The engine façade: what the CLI, the tests and the desktop app call. It owns no globals: the store, the
 * clock, the embedder and the extraction/chunking functions come in through the constructor.
 */
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Answerer } from './answer/answerer.ts';
import type { Generator, Ranker } from './answer/ports.ts';
import { relevanceEvidence, type QueryEmbedding } from './answer/relevance-evidence.ts';
import { markStale } from './answer/stale.ts';
import { auditRecord, isAuditEnabled } from './audit/audit-log.ts';
import type { AskOptions, AskResult, AskStream } from './answer/types.ts';
import { DEFAULT_CHUNKING } from './chunk/default-chunking.ts';
import { ConversationService, type Conversed, type ConverseOptions, type ConverseStream } from './conversation/conversation-service.ts';
import { continuesTopic } from './conversation/carry-evidence.ts';
import { standaloneQuery, type Exchange, type StandaloneQuery } from './conversation/standalone-query.ts';
import { FolderError, TroveError } from './errors.ts';
import type { ExportOptions, ExportSummary } from './feedback/export-dataset.ts';
import type { CompareConfiguration } from './feedback/compare-configuration.ts';
import { FeedbackService } from './feedback/feedback-service.ts';
import type { StoredAnswer, Verdict } from './feedback/types.ts';
import type { ConfigureGenerator, ConfiguredGenerator } from './models/configured-generator.ts';
import type { ExtractLimits } from './extract/bounded-extractor.ts';
// Not the extract/index.ts barrel: that loads every parser, which search and status never need.
import { OCR_EXTENSIONS } from './extract/formats.ts';
import { embeddingFingerprint, chunkFingerprint } from './index/fingerprints.ts';
import { checkFreshness, type Freshness, type FreshnessInput } from './index/freshness.ts';
import type { IndexService } from './index/index-service.ts';
import type { OpenedIndexing } from './index/open-index-service.ts';
import { DEFAULT_EXCLUDES_DESCRIPTION } from './index/default-excludes.ts';
import type { FolderIndexSummary, IndexerPorts, IndexProgress, IndexRunOptions, ProgressListener } from './index/indexer.ts';
import type { JobFailure } from './store/sqlite/job-repository.ts';
import type { LiveIndex, LiveIndexOptions } from './watch/live-index.ts';
import { rememberingLastQuery } from './search/last-query-embedder.ts';
import { SearchThread } from './store/sqlite/search-thread.ts';
import { SqliteSearchIndex } from './store/sqlite/sqlite-search-index.ts';
import type { ChangeSubscription, DocumentState, IndexStore, PassageSource, SearchIndex, SharedIndex } from './ports.ts';
import { SqliteIndexStore } from './store/sqlite/sqlite-index-store.ts';
import { Searcher, type SearchOptions, type SearchResponse } from './search/searcher.ts';
import type { DocumentProblem, FolderRow, FolderSettings } from './store/sqlite/rows.ts';
import type { RedactionReport } from './store/sqlite/redaction-repository.ts';
import type { Store, StoreCounts } from './store/sqlite/store.ts';
import { systemClock, type ChunkingOptions, type Clock, type Embedder } from './types.ts';
import { SETTING_KEYS, type Settings } from './settings-keys.ts';

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Long enough that a busy client renews well in time (every 10 s), short enough that a dead one is taken over soon. */
export const DEFAULT_LEASE_TTL_MS = 30_000;

export interface EngineDeps {
  /** The local index file; with `shared`, it keeps only what stays on this machine (audit, conversations, feedback). */
  readonly store: Store;
  /** A shared index (PostgreSQL, team mode): indexing and search go there instead of `store`. */
  readonly shared?: SharedIndex;
  /** This client's name in the shared index's folder leases (default: host name and process id). */
  readonly clientName?: string;
  /** How long a folder lease lasts unless renewed (default 30 s): a client that stops is taken over after this. */
  readonly leaseTtlMs?: number;
  readonly clock?: Clock;
  readonly embedder?: Embedder;
  /** Chat model for `ask`; without one, `ask` answers with the best passages. */
  readonly generator?: Generator;
  /** Optional reranker: re-scores retrieved candidates before the answer is built. */
  readonly ranker?: Ranker;
  readonly chunking?: ChunkingOptions;
  /** BM25 matches scored per query before the commonest terms only re-score (search/bm25-plan.ts). */
  readonly postingsBudget?: number;
  readonly maxFileBytes?: number;
  readonly extract?: IndexerPorts['extract'];
  /** Time and memory limits for extracting one file (see extract/bounded-extractor.ts); used when `extract` is not given. */
  readonly extractLimits?: Partial<ExtractLimits>;
  /** Reads a file for indexing (tests stand in a reader that changes the file mid-read). */
  readonly readFile?: IndexerPorts['readFile'];
  readonly whyUnsupported?: IndexerPorts['whyUnsupported'];
  /** Makes the generator of one side of a comparison (default: models/configured-generator.ts over node-llama-cpp). */
  readonly configureGenerator?: ConfigureGenerator;
  /** Things the user should know about how the engine was set up (e.g. a configured model is missing). */
  readonly notices?: readonly string[];
}

export interface FolderStatus extends FolderRow {
  readonly documents: number;
  readonly chunks: number;
  readonly failed: number;
  readonly skipped: number;
  /** Files queued for indexing or removal. */
  readonly pending: number;
  readonly settings: FolderSettings & { readonly maxFileBytes: number };
  /** On a shared index: another client that holds the folder's indexing lease now (it is indexing the folder). */
  readonly indexedBy?: string;
}

/** A search hit with what an answer needs to say whether its source changed since it was indexed. */
export type FreshSearchHit = SearchResponse['results'][number] & { readonly stale: boolean };

export interface EngineStatus {
  readonly database: string;
  readonly folders: FolderStatus[];
  readonly counts: StoreCounts;
  readonly embedding: { readonly model: string; readonly dimensions: number; readonly fingerprint: string } | null;
  readonly chunking: ChunkingOptions & { readonly fingerprint: string };
  readonly problems: DocumentProblem[];
  readonly notices: readonly string[];
  /** Queued work, and jobs that failed repeatedly for an unexpected reason. */
  readonly queue: { readonly pending: number; readonly failed: readonly JobFailure[] };
  /** Always left out of the index, on top of .gitignore, .troveignore and each folder's own patterns. */
  readonly defaultExcludes: readonly string[];
  /** What redaction removed (kind, file, lines; never the secret), in folders with `redact` on. */
  readonly redactions: readonly RedactionReport[];
}

/** One side of a comparison: the configuration as written and its answer (with its answerId). */
export interface ComparedAnswer {
  readonly configuration: string;
  readonly result: AskResult;
}

export class Engine {
  readonly store: Store;
  readonly notices: readonly string[];
  /**
   * The settings a person chooses (models, adapters, audit log, API server, calibrated thresholds; keys in
   * settings-keys.ts), kept in this computer's index file also when searching a team index.
   */
  readonly settings: Settings;
  /** Conversations in the index database: list, get (messages with their sources), create, remove. */
  readonly conversations: ConversationService;
  /** Every answer as given, and the good / bad / corrected feedback on it (feedback/feedback-service.ts). */
  readonly feedback: FeedbackService;
  /** Indexing, loaded on first use (see `indexing`): searching and answering over an index need none of it. */
  private indexingOnce: Promise<OpenedIndexing> | undefined;
  private opened: OpenedIndexing | undefined;
  /** What indexing reads and writes, through the indexing ports (ports.ts). */
  private readonly indexStore: IndexStore;
  private readonly maxFileBytes: number;
  /** Folder ids by path in the shared index, as last read (folderIds() answers synchronously). */
  private sharedFolderIds = new Map<string, number>();
  private readonly progressListeners = new Set<ProgressListener>();
  private readonly searcher: Searcher;
  private readonly searchIndex: SearchIndex;
  private readonly chunking: ChunkingOptions;
  private readonly clock: Clock;
  private answerer: Answerer | undefined;
  private readonly searchThread: SearchThread | undefined;
  private readonly queryEmbedding: QueryEmbedding | undefined;

  constructor(private readonly deps: EngineDeps) {
    this.store = deps.store;
    this.settings = deps.store.meta;
    this.clock = deps.clock ?? systemClock;
    this.chunking = deps.chunking ?? DEFAULT_CHUNKING;
    this.notices = deps.notices ?? [];
    this.conversations = new ConversationService({
      repository: deps.store.conversations,
      now: () => this.clock.now(),
      ask: (question, options, stream) => this.ask(question, options, stream),
      standaloneQuery: (previous, question, signal) => this.standaloneQuery(previous, question, signal),
    });
    this.feedback = new FeedbackService({
      store: deps.store.feedback,
      now: () => this.clock.now(),
      folders: () => this.store.folders.list().map((folder) => folder.path),
    });
    this.indexStore = deps.shared ?? new SqliteIndexStore(deps.store);
    this.maxFileBytes = deps.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const { embedder } = deps;
    // Search and the relevance gate share one query embedder, so a question is embedded once.
    this.queryEmbedding = embedder && {
      embedder: rememberingLastQuery(embedder),
      fingerprint: embeddingFingerprint(embedder.modelId, embedder.dimensions, chunkFingerprint(this.chunking)),
    };
    // Only searches with vectors use the search thread, and it needs a database file a second connection can open.
    this.searchThread = !deps.shared && embedder && deps.store.file !== ':memory:' ? new SearchThread(deps.store.file) : undefined;
    this.searchIndex = deps.shared ?? new SqliteSearchIndex(deps.store, { postingsBudget: deps.postingsBudget, searchThread: this.searchThread });
    this.searcher = new Searcher(this.searchIndex, {
      embedder: this.queryEmbedding?.embedder,
      embeddingFingerprint: this.queryEmbedding?.fingerprint,
    });
  }

  get embedder(): Embedder | undefined {
    return this.deps.embedder;
  }

  /** Registers folders after checking each exists and is a directory; nothing is registered if one fails. */
  async addFolders(paths: readonly string[]): Promise<FolderRow[]> {
    const absolute = paths.map((path) => resolve(path));
    for (const path of absolute) await assertDirectory(path);
    const added: FolderRow[] = [];
    for (const path of absolute) added.push(await this.indexStore.folders.add(path, this.clock.now()));
    if (this.deps.shared) await this.refreshFolders();
    else this.store.saveFolderList();
    return added;
  }

  /** The registered folders, from whichever index the engine uses. */
  async listFolders(): Promise<FolderRow[]> {
    return this.indexStore.folders.list();
  }

  /** What the index holds for a file, from whichever index the engine uses (on a shared one, as this user may see it). */
  documentState(path: string): Promise<DocumentState | undefined> {
    return this.indexStore.stateByPath(path);
  }

  /** A folder's documents by path, from whichever index the engine uses. */
  documentsIn(folderId: number): Promise<Map<string, DocumentState>> {
    return this.indexStore.statesForFolder(folderId);
  }

  /** Files queued for a folder, from whichever index the engine uses (one count, not the whole status). */
  queuedIn(folderId: number): Promise<number> {
    return this.indexStore.jobs.pendingCount(folderId);
  }

  /** A folder's settings (redaction, excludes…), from whichever index the engine uses. */
  settingsOf(folderId: number): Promise<FolderSettings> {
    return this.indexStore.folders.settings(folderId);
  }

  /** Whether the index is shared (PostgreSQL): commands that only the local index supports refuse then. */
  get isShared(): boolean {
    return this.deps.shared !== undefined;
  }

  /** This client's name in a shared index's folder leases. */
  private get clientName(): string {
    return this.deps.clientName ?? `${hostname()}:${process.pid}`;
  }

  /**
   * Calls `onChange` whenever any client commits a change to the shared index (folders, documents, queue,
   * leases), so a view of it stays current without polling. Undefined on the local index: only this process
   * changes it, and its own watcher reports that.
   */
  async watchIndexChanges(onChange: () => void): Promise<ChangeSubscription | undefined> {
    return this.deps.shared?.watchChanges(onChange);
  }

  /** Re-reads the shared index's folders, for folderIds(); other clients may have added some. */
  async refreshFolders(): Promise<void> {
    if (!this.deps.shared) return;
    this.sharedFolderIds = new Map((await this.deps.shared.folders.list()).map((folder) => [folder.path, folder.id]));
  }

  /** Registers and indexes `paths`, or re-indexes every registered folder when none are given. */
  async index(paths: readonly string[] = [], options: IndexRunOptions = {}): Promise<FolderIndexSummary[]> {
    const folders = paths.length > 0 ? await this.addFolders(paths) : await this.indexStore.folders.list();
    const summaries: FolderIndexSummary[] = [];
    for (const folder of folders) {
      if (options.signal?.aborted) break;
      const indexing = await this.indexing();
      const missing = await directoryProblem(folder.path);
      if (missing) {
        await indexing.markMissing(folder.id, missing);
        continue;
      }
      summaries.push(await indexing.indexFolder(folder, { ...options, onProgress: this.progressTo(options.onProgress) }));
    }
    return summaries;
  }

  /** Search; each hit says whether its file changed on disk since it was indexed (`stale`). */
  async search(query: string, options: SearchOptions = {}): Promise<Omit<SearchResponse, 'results'> & { results: FreshSearchHit[] }> {
    const response = await this.searcher.search(query, options);
    const freshness = await this.checkFreshness(response.results);
    return { ...response, results: response.results.map((hit, index) => ({ ...hit, stale: freshness[index]?.changedOnDisk ?? false })) };
  }

  /** Per hit: when it was indexed and whether its file changed on disk since (for answers citing it). */
  checkFreshness(hits: readonly FreshnessInput[]): Promise<Freshness[]> {
    return checkFreshness(hits, (path) => this.indexStore.stateByPath(path));
  }

  /** Subscribes to indexing progress (from `index` and `watch`); returns the unsubscribe function. */
  onProgress(listener: ProgressListener): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Keeps every registered folder's index live until the returned LiveIndex is disposed. */
  async watch(options: LiveIndexOptions = {}): Promise<LiveIndex> {
    // Loaded here: the watcher (chokidar) is not needed by a search or an answer, and costs every start.
    const { LiveIndex } = await import('./watch/live-index.ts');
    const live = new LiveIndex(
      { store: this.indexStore, clock: this.clock, indexing: await this.indexing() },
      { ...options, onProgress: this.progressTo(options.onProgress) },
    );
    await live.start();
    return live;
  }

  /** One indexed chunk as the app's source panel shows it, from whichever index the engine uses. */
  passage(chunkId: number): Promise<PassageSource | undefined> {
    return this.searchIndex.passage(chunkId);
  }

  /** Changes a folder's settings (extra excludes, size limit, paused); the next reconciliation applies them. */
  updateFolderSettings(path: string, changes: Partial<FolderSettings>): FolderSettings {
    this.refuseOnSharedIndex('Changing its settings');
    const folder = this.folderByPath(path);
    this.opened?.service.scopes.invalidate(folder.id);
    const before = this.store.folders.settings(folder.id);
    const settings = this.store.folders.updateSettings(folder.id, changes);
    if ((settings.redact === true) !== (before.redact === true)) this.store.redactions.markFolderForReindex(folder.id);
    if ((settings.ocr !== false) !== (before.ocr !== false)) this.store.documents.markForReread(folder.id, OCR_EXTENSIONS);
    this.store.saveFolderList();
    return settings;
  }

  /** Drops a folder's queued work; what is already indexed stays. Returns how many jobs were dropped. */
  cancel(path: string): number {
    this.refuseOnSharedIndex('Cancelling its queued work');
    return this.store.jobs.cancel(this.folderByPath(path).id);
  }

  /** A grounded answer with checked citations (see electron/core/answer/answerer.ts). */
  async ask(question: string, options: AskOptions = {}, stream: AskStream = {}): Promise<AskResult> {
    const answerer = await this.answererOnce();
    return this.answered(question, await answerer.ask(question, options, stream));
  }

  /**
   * One question answered by two configurations (compare-configuration.ts) over the same retrieved sources, one
   * after the other, each streamed to its own stream; each answer is recorded with its own answerId. Both
   * configurations are made first, so one that does not fit (ADAPTER_MISMATCH, a missing file) fails before
   * anything is searched, answered or written.
   */
  async compare(
    question: string,
    configurations: readonly [CompareConfiguration, CompareConfiguration],
    options: AskOptions = {},
    streams: readonly [AskStream, AskStream] = [{}, {}],
  ): Promise<[ComparedAnswer, ComparedAnswer]> {
    if (question.trim() === '') throw new TroveError('INVALID_ARGUMENT', 'The question is empty.');
    const configure = this.deps.configureGenerator ?? (await import('./models/configured-generator.ts')).configureGenerator;
    const made: ConfiguredGenerator[] = [];
    try {
      for (const configuration of configurations) made.push(await configure(configuration, this.deps.generator));
      // Retrieval runs once; the second answerer is given the first one's search response.
      const search = await this.refreshingSearch();
      let retrieved: Promise<SearchResponse> | undefined;
      const searchOnce: typeof search = (query, searchOptions) => (retrieved ??= search(query, searchOptions));
      const answers: ComparedAnswer[] = [];
      for (const [index, configuration] of configurations.entries()) {
        const answerer = await this.newAnswerer(searchOnce, (made[index] as ConfiguredGenerator).generator);
        const result = await answerer.ask(question, options, streams[index]);
        answers.push({ configuration: configuration.label, result: await this.answered(question, result) });
        if (result.aborted) break;
      }
      return answers as [ComparedAnswer, ComparedAnswer];
    } finally {
      for (const configured of made.reverse()) await configured.release();
    }
  }

  /** Marks an answer good or bad, optionally with a corrected answer. Unknown id: AnswerNotFoundError, nothing written. */
  recordFeedback(answerId: number, verdict: Verdict, correctedAnswer?: string): Promise<StoredAnswer> {
    return this.feedback.mark(answerId, verdict, correctedAnswer);
  }

  /** Writes the approved answers as a fine-tuning dataset with a held-out split (feedback/export-dataset.ts). */
  async exportFeedback(options: ExportOptions): Promise<ExportSummary> {
    // Loaded when used: the export's line schemas (zod) would add ~25 ms to every CLI start.
    const { exportDataset } = await import('./feedback/export-dataset.ts');
    return exportDataset(this.feedback, options);
  }

  /**
   * After an answer: marks sources changed meanwhile, logs it for the audit and records it for feedback (its
   * answerId). `trove audit off` ("keep no record of answers") turns both off: such answers have no answerId.
   */
  private async answered(question: string, result: AskResult): Promise<AskResult> {
    // Sources were checked before the answer; this catches files that changed while it was generated.
    const freshness = await this.checkFreshness(result.sources);
    const checked = markStale(result, new Set(result.sources.filter((_, i) => freshness[i]?.changedOnDisk).map((s) => s.chunkId)));
    // Recorded here, not in the CLI or the app, so every answer is covered.
    if (!isAuditEnabled(this.store.meta)) return checked;
    this.store.audit.append(auditRecord(question, checked, this.clock.now()));
    return { ...checked, answerId: await this.feedback.record(question, checked) };
  }

  /** The answerer, made on the first question: `trove search` and `trove status` never load the answer code. */
  private async answererOnce(): Promise<Answerer> {
    if (this.answerer) return this.answerer;
    const answerer = await this.newAnswerer(await this.refreshingSearch(), this.deps.generator);
    this.answerer ??= answerer;
    return this.answerer;
  }

  private async newAnswerer(search: (query: string, options: SearchOptions) => Promise<SearchResponse>, generator: Generator | undefined): Promise<Answerer> {
    const { Answerer } = await import('./answer/answerer.ts');
    // The index searched (this computer's or the team's) weighs the terms; thresholds are this computer's settings.
    const relevance = relevanceEvidence(this.store.meta, this.searchIndex, this.queryEmbedding);
    return new Answerer({ search, generator, ranker: this.deps.ranker, relevance });
  }

  /** Search that first checks every hit's file against the disk and re-indexes changed files. */
  private async refreshingSearch(): Promise<(query: string, options: SearchOptions) => Promise<SearchResponse>> {
    return (await this.indexing()).refreshingOnRead((query, searchOptions) => this.searcher.search(query, searchOptions));
  }

  /** The indexing service, built the first time something indexes (open-index-service.ts). */
  private async indexing(): Promise<IndexService> {
    this.indexingOnce ??= import('./index/open-index-service.ts').then(({ openIndexService }) => {
      const { deps } = this;
      const leasing = deps.shared && {
        leases: deps.shared.leases,
        holder: this.clientName,
        ttlMs: deps.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS,
      };
      this.opened = openIndexService({
        store: this.indexStore,
        clock: this.clock,
        chunking: this.chunking,
        maxFileBytes: this.maxFileBytes,
        ...(deps.embedder ? { embedder: deps.embedder } : {}),
        ...(deps.extract ? { extract: deps.extract } : {}),
        ...(deps.readFile ? { readFile: deps.readFile } : {}),
        ...(deps.whyUnsupported ? { whyUnsupported: deps.whyUnsupported } : {}),
        ...(deps.extractLimits ? { extractLimits: deps.extractLimits } : {}),
      }, leasing);
      return this.opened;
    });
    return (await this.indexingOnce).service;
  }

  /**
   * Answers a question in a conversation (null: starts one): saves it, searches for it made standalone from the
   * questions before it, answers with `ask`, saves the answer with its sources and query. Unknown id: NOT_FOUND.
   */
  converse(conversationId: number | null, question: string, options: ConverseOptions = {}, stream: ConverseStream = {}): Promise<Conversed> {
    return this.conversations.converse(conversationId, question, options, stream);
  }

  /**
   * What `question` searches for after the `previous` exchanges: as asked, rewritten by the chat model, or with
   * the earlier questions' words carried over (see conversation/standalone-query.ts). Stores nothing.
   */
  standaloneQuery(previous: readonly Exchange[], question: string, signal?: AbortSignal): Promise<StandaloneQuery> {
    return standaloneQuery(previous, question, {
      generator: this.deps.generator,
      signal,
      continuesTopic: (asked, carried) =>
        continuesTopic(asked, carried, {
          bestPassage: async (query, carriedWords) => (await this.search(query, { k: 1, mode: 'bm25', carried: carriedWords })).results[0],
          termStatistics: (terms) => this.searchIndex.termFrequencies(terms),
        }),
    });
  }

  get generator(): Generator | undefined {
    return this.deps.generator;
  }

  get ranker(): Ranker | undefined {
    return this.deps.ranker;
  }

  /** Folder ids for user-given folder paths, for search filters. Unknown folders are an error. */
  folderIds(paths: readonly string[]): number[] {
    return paths.map((path) => {
      const folder = this.deps.shared ? { id: this.sharedFolderIds.get(resolve(path)) } : this.store.folders.byPath(resolve(path));
      if (folder?.id === undefined) throw new TroveError('INVALID_ARGUMENT', `${resolve(path)} is not an indexed folder`);
      return folder.id;
    });
  }

  /** Removes a folder and everything indexed from it. */
  forget(path: string): FolderRow {
    this.refuseOnSharedIndex('Removing it');
    const folder = this.folderByPath(path);
    this.store.folders.remove(folder.id);
    this.opened?.service.scopes.invalidate(folder.id);
    this.store.saveFolderList();
    return folder;
  }

  /**
   * A shared index's folders are the team's: a client changing their settings or removing one would do it for
   * everyone, so those stay with the index's administrator (in SQL) for now.
   */
  private refuseOnSharedIndex(action: string): void {
    const { shared } = this.deps;
    if (!shared) return;
    throw new TroveError('INVALID_ARGUMENT', `${action} is not possible here: the folders of the team index ${shared.location} are managed by its administrator.`);
  }

  private folderByPath(path: string): FolderRow {
    const folder = this.store.folders.byPath(resolve(path));
    if (!folder) throw new TroveError('INVALID_ARGUMENT', `${resolve(path)} is not an indexed folder`);
    return folder;
  }

  /** One listener that feeds both a caller's own listener and the engine's subscribers. */
  private progressTo(own: ProgressListener | undefined): ProgressListener {
    return (progress: IndexProgress) => {
      own?.(progress);
      for (const listener of this.progressListeners) listener(progress);
    };
  }

  /** The status of whichever index the engine uses: status() for the local one, one read of the shared one otherwise. */
  async indexStatus(): Promise<EngineStatus> {
    const { shared } = this.deps;
    if (!shared) return this.status();
    const overview = await shared.overview();
    const { fingerprint, dimensions } = overview.vectors;
    return {
      database: shared.location,
      folders: overview.folders.map(({ heldBy, ...folder }) => ({
        ...folder,
        settings: { ...folder.settings, maxFileBytes: folder.settings.maxFileBytes ?? this.maxFileBytes },
        ...(heldBy !== null && heldBy !== this.clientName ? { indexedBy: heldBy } : {}),
      })),
      counts: overview.counts,
      embedding: this.embeddingStatus(fingerprint, dimensions),
      chunking: { ...this.chunking, fingerprint: chunkFingerprint(this.chunking) },
      problems: overview.problems,
      notices: this.notices,
      queue: overview.queue,
      defaultExcludes: DEFAULT_EXCLUDES_DESCRIPTION,
      redactions: overview.redactions,
    };
  }

  /** The embedding model in use, or the one whose vectors the index holds (named as this machine remembers it). */
  private embeddingStatus(storedFingerprint: string | undefined, storedDimensions: number | undefined): EngineStatus['embedding'] {
    const { embedder } = this.deps;
    if (embedder) {
      return { model: embedder.modelId, dimensions: embedder.dimensions, fingerprint: embeddingFingerprint(embedder.modelId, embedder.dimensions, chunkFingerprint(this.chunking)) };
    }
    const storedModel = this.store.meta.get(SETTING_KEYS.embedModel);
    return storedModel && storedFingerprint ? { model: storedModel, dimensions: storedDimensions ?? 0, fingerprint: storedFingerprint } : null;
  }

  status(): EngineStatus {
    const counts = this.store.counts();
    const perFolder = this.store.folderCounts();
    const chunkPrint = chunkFingerprint(this.chunking);
    const pending = this.store.jobs.pendingByFolder();
    return {
      database: this.store.file,
      folders: this.store.folders.list().map((folder) => {
        const settings = this.store.folders.settings(folder.id);
        return {
          ...folder,
          ...(perFolder.get(folder.id) ?? emptyFolderCounts),
          pending: pending.get(folder.id) ?? 0,
          settings: { ...settings, maxFileBytes: settings.maxFileBytes ?? this.maxFileBytes },
        };
      }),
      counts,
      embedding: this.embeddingStatus(this.store.vectors.fingerprint, this.store.vectors.dimensions),
      chunking: { ...this.chunking, fingerprint: chunkPrint },
      problems: this.store.documents.problems(),
      notices: this.notices,
      queue: { pending: this.store.jobs.pendingCount(), failed: this.store.jobs.failures() },
      defaultExcludes: DEFAULT_EXCLUDES_DESCRIPTION,
      redactions: this.store.redactions.list(),
    };
  }

  /**
   * Releases every part, each even when an earlier one fails (a model that cannot be unloaded must not leave the
   * index file open), then reports the first failure.
   */
  async dispose(): Promise<void> {
    const parts = [this.deps.shared, this.searchThread, this.opened?.extractor, this.deps.embedder, this.deps.generator, this.deps.ranker, this.store];
    const failures: unknown[] = [];
    for (const part of parts) {
      try {
        await part?.dispose();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}

const emptyFolderCounts = { documents: 0, chunks: 0, failed: 0, skipped: 0 };

async function assertDirectory(path: string): Promise<void> {
  const problem = await directoryProblem(path);
  if (!problem) return;
  const code = problem.includes('not a folder') ? 'NOT_A_DIRECTORY' : problem.includes('permission') ? 'PERMISSION_DENIED' : 'NOT_FOUND';
  throw new FolderError(code, path, problem);
}

async function directoryProblem(path: string): Promise<string | undefined> {
  try {
    const stats = await stat(path);
    return stats.isDirectory() ? undefined : `${path} is not a folder`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return `Cannot open ${path}: permission denied`;
    return `Folder ${path} does not exist`;
  }
}
