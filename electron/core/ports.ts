/**
 * Storage ports: what search, answering and indexing ask of an index, whichever database holds it. They are
 * asynchronous because a shared index answers over a network (PostgreSQL, store/postgres/); the SQLite store
 * (store/sqlite/) answers synchronously inside the same promises, so its speed is unchanged.
 *
 * The model ports (Embedder, Clock in types.ts; Generator, Ranker in answer/ports.ts) are declared beside the
 * stages that use them; these are the storage side of the same seam.
 */
import type { Chunk, ExtractionNotice, PassageRole } from './types.ts';

/** Narrows a search to some folders and file types. */
export interface SearchFilter {
  /** Only chunks of these folders. */
  readonly folderIds?: readonly number[];
  /** Only documents whose extension (without dot) or format is one of these. */
  readonly types?: readonly string[];
}

/** A chunk id with a score, higher is better. */
export interface ScoredId {
  readonly id: number;
  readonly score: number;
}

/** A chunk joined with its document, as search results need it. */
export interface ChunkHit {
  readonly chunkId: number;
  readonly documentId: number;
  readonly folderId: number;
  readonly path: string;
  readonly title: string | null;
  readonly text: string;
  readonly heading: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly page: number | null;
  /** `ocr` when the passage was read from a scanned page or an image. */
  readonly origin?: 'ocr' | null;
  readonly indexedAt: number;
}

/** One chunk with what is needed to show it inside its file (the app's source panel): the file's format and hash, and the chunk's offsets in its text. */
export interface PassageSource {
  readonly chunkId: number;
  readonly path: string;
  readonly format: string | null;
  readonly hash: string | null;
  readonly text: string;
  readonly heading: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly page: number | null;
  readonly startChar: number;
  readonly endChar: number;
}

export interface LexicalRankOptions {
  /** Words carried over from earlier turns of a conversation, searched with the query's own at the same weight. */
  readonly carried?: string;
  /** A vector search runs at the same time: an index with a second thread ranks there (store/sqlite/search-thread.ts). */
  readonly alongsideVectors?: boolean;
}

/** How many chunks the index holds, and how many of them hold each term: what weighs a question's terms by rarity. */
export interface TermFrequencies {
  /** Chunks in the index. */
  readonly chunks: number;
  /** Chunks holding each term (terms as analysed for the index); 0 for a term the index never saw. */
  readonly documentFrequency: ReadonlyMap<string, number>;
}

/** Port: full-text ranking of chunks for a query, with the terms of Trove's own analyser (text/analyze.ts). */
export interface LexicalIndex {
  rankLexical(query: string, k: number, filter: SearchFilter, options?: LexicalRankOptions): Promise<ScoredId[]>;
  /** The chunk count and the document frequency of each of `terms` (the relevance gate's IDF weights). */
  termFrequencies(terms: readonly string[]): Promise<TermFrequencies>;
  /** Whether some chunk holds `terms` side by side, in order; absent where the index keeps no word positions. */
  holdsPhrase?(terms: readonly string[]): Promise<boolean>;
}

/** Which vectors the index holds: only vectors of the embedder's own fingerprint are comparable with its queries. */
export interface VectorState {
  readonly fingerprint: string | undefined;
  readonly hasVectors: boolean;
}

/** Port: nearest chunks by embedding, scored by exact cosine similarity. */
export interface VectorIndex {
  vectorState(): Promise<VectorState>;
  /** The k chunks nearest to `query` (only the candidate set may be approximate, scores are exact). */
  nearest(query: Float32Array, k: number, folderIds?: readonly number[]): Promise<ScoredId[]>;
  /** The exact cosine of `query` with the stored vectors of `ids` (those that have one), best first. */
  similarities(query: Float32Array, ids: readonly number[]): Promise<ScoredId[]>;
}

/** Port: the chunks behind ranked ids. */
export interface PassageIndex {
  /** Chunks with their documents, in the order of `ids`; ids no longer indexed are left out. */
  hydrate(ids: readonly number[]): Promise<ChunkHit[]>;
  /** Which of `ids` pass the filter (vector results know folders, not file types). */
  passing(ids: readonly number[], filter: SearchFilter): Promise<Set<number>>;
  /** The roles of those of `ids` that have one (contents or index pages); ordinary chunks are left out. */
  rolesOf(ids: readonly number[]): Promise<Map<number, PassageRole>>;
  /** One chunk of an indexed document as the source panel shows it; undefined once it is gone (or not visible to this user). */
  passage(chunkId: number): Promise<PassageSource | undefined>;
}

/** Everything search reads. */
export type SearchIndex = LexicalIndex & VectorIndex & PassageIndex;

/** What is known of a file on disk when it is written to the index. */
export interface DocumentFacts {
  readonly folderId: number;
  readonly path: string;
  readonly ext: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly indexedAt: number;
  readonly hash?: string;
  readonly format?: string;
  readonly title?: string;
}

/** A document's chunks and, with an embedding model, one vector per chunk. */
export interface IndexedContent {
  readonly chunks: readonly Chunk[];
  readonly chunkFingerprint: string;
  readonly embedding?: { readonly fingerprint: string; readonly vectors: readonly Float32Array[] };
  /** Parts left out (pages OCR could not read): kept as the document's error code and message, though it is indexed. */
  readonly notices?: readonly ExtractionNotice[];
  /** What redaction removed (kind and lines, never the secret), written in the same transaction as the chunks. */
  readonly redactions?: readonly StoredRedaction[];
}

/** One secret redaction removed from a document: its kind and lines, never the secret. */
export interface StoredRedaction {
  readonly kind: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** Port: writing documents into an index. Each call is one transaction: a reader sees the old document or the new one. */
export interface DocumentWriter {
  /** Replaces the document at `facts.path` with its chunks, full-text terms and vectors. */
  writeDocument(facts: DocumentFacts, content: IndexedContent): Promise<void>;
  /** Removes a document with everything indexed from it. */
  removeDocument(path: string): Promise<void>;
  /** Makes the index hold vectors of `fingerprint`; vectors of any other fingerprint are dropped. */
  useVectorFingerprint(fingerprint: string, dimensions: number): Promise<void>;
}

export type DocumentStatus = 'indexed' | 'skipped' | 'failed';

/** What the indexer needs to decide whether a file changed, without reading it. */
export interface DocumentState {
  readonly id: number;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string | null;
  readonly status: DocumentStatus;
  readonly errorCode: string | null;
  readonly chunkFingerprint: string | null;
  readonly embedFingerprint: string | null;
}

/** Why a file is in the index without its text. */
export interface DocumentProblemFacts {
  readonly status: 'skipped' | 'failed';
  readonly code: string;
  readonly message: string;
}

/**
 * Port: the documents side of an index as indexing keeps it: the DocumentWriter's writes plus what the indexer
 * reads back to skip unchanged files, and the small writes of files that are not (or no longer) indexed.
 */
export interface IndexDocuments extends DocumentWriter {
  stateByPath(path: string): Promise<DocumentState | undefined>;
  /** Every document of a folder, keyed by absolute path (one small row each). */
  statesForFolder(folderId: number): Promise<Map<string, DocumentState>>;
  /** Paths of a folder's documents at or under `dir` (a removed directory), for removal jobs. */
  pathsUnder(folderId: number, dir: string): Promise<string[]>;
  /** Records a file that was not indexed, with its reason; any chunks it had before are removed. */
  writeProblem(facts: DocumentFacts, problem: DocumentProblemFacts): Promise<void>;
  /** The file's bytes are unchanged (same hash): only its stat facts move. */
  touch(documentId: number, size: number, mtimeMs: number): Promise<void>;
  /** Chunk ids and texts of a document, in order, to re-embed without re-reading the file. */
  chunksOf(documentId: number): Promise<{ id: number; text: string }[]>;
  /** Replaces a document's vectors (one per chunk id) and records their fingerprint, in one transaction. */
  writeVectors(documentId: number, folderId: number, chunkIds: readonly number[], vectors: readonly Float32Array[], fingerprint: string): Promise<void>;
  /** Which vectors the index holds (only indexing may switch them: useVectorFingerprint). */
  vectorState(): Promise<VectorState>;
}

export interface FolderRow {
  readonly id: number;
  readonly path: string;
  readonly status: 'active' | 'paused' | 'missing';
  readonly error: string | null;
  readonly addedAt: number;
  readonly indexedAt: number | null;
}

/** Per-folder choices. Absent fields take the engine's defaults. */
export interface FolderSettings {
  /** Extra exclusions in gitignore syntax, on top of the defaults, .gitignore and .troveignore. */
  readonly exclude?: readonly string[];
  /** Files larger than this are recorded as skipped (TOO_LARGE) instead of read. */
  readonly maxFileBytes?: number;
  /** A paused folder keeps its queued work but nothing is indexed until it is resumed. */
  readonly paused?: boolean;
  /** Remove secrets (keys, tokens, passwords, card numbers) before indexing; see electron/core/redact. Off by default. */
  readonly redact?: boolean;
  /** Read scanned PDF pages and images with OCR. On unless set to false. */
  readonly ocr?: boolean;
}

/** Port: the registered folders, their state and settings. */
export interface FolderCatalog {
  /** Registers `path` (absolute) if new; returns the folder either way. */
  add(path: string, now: number): Promise<FolderRow>;
  byPath(path: string): Promise<FolderRow | undefined>;
  byId(id: number): Promise<FolderRow | undefined>;
  list(): Promise<FolderRow[]>;
  settings(id: number): Promise<FolderSettings>;
  setStatus(id: number, status: FolderRow['status'], error: string | null): Promise<void>;
  markIndexed(id: number, now: number): Promise<void>;
}

export type JobKind = 'upsert' | 'remove';

/** After this many failed attempts a job is parked as failed (shown by `trove status`) instead of retried. */
export const MAX_JOB_ATTEMPTS = 3;

/** "Bring the index entry for this path in line with the disk", deleted only once that work committed. */
export interface Job {
  readonly id: number;
  readonly folderId: number;
  readonly path: string;
  readonly kind: JobKind;
  readonly attempts: number;
  readonly version: number;
}

export interface JobFailure {
  readonly folderId: number;
  readonly path: string;
  readonly kind: JobKind;
  readonly attempts: number;
  readonly error: string;
}

/** Port: the durable queue of indexing work. Jobs of paused folders stay queued and are not handed out. */
export interface JobQueue {
  /** Queues work for one path; a path already queued keeps its place and takes the newer kind. */
  enqueue(folderId: number, path: string, kind: JobKind, now: number): Promise<void>;
  /** Queues many jobs in one transaction. */
  enqueueMany(jobs: readonly { folderId: number; path: string; kind: JobKind }[], now: number): Promise<void>;
  /** The oldest pending jobs (of one folder, or of every folder that is not paused). */
  next(limit: number, folderId?: number): Promise<Job[]>;
  /** The pending jobs of these paths, oldest first. */
  pendingFor(paths: readonly string[]): Promise<Job[]>;
  /** The work for `job` is committed. A job re-queued meanwhile (newer version) stays. */
  complete(job: Job): Promise<void>;
  /** Records an unexpected failure; the job goes to the back of the queue, or is parked after too many tries. */
  fail(job: Job, error: string, now: number): Promise<void>;
  pendingCount(folderId?: number): Promise<number>;
}

/** Everything indexing (index/, watch/) reads and writes, whichever database holds the index. */
export interface IndexStore extends IndexDocuments {
  readonly folders: FolderCatalog;
  readonly jobs: JobQueue;
}

/** A file in the index without (all of) its text, and why. */
export interface DocumentProblem {
  readonly path: string;
  /** `indexed`: the file is searchable but parts were left out (pages OCR could not read). */
  readonly status: 'skipped' | 'failed' | 'indexed';
  readonly code: string;
  readonly message: string;
}

export interface StoreCounts {
  readonly documents: number;
  readonly indexed: number;
  readonly skipped: number;
  readonly failed: number;
  readonly chunks: number;
  readonly vectors: number;
  /** Indexed documents whose vectors are missing or belong to another embedding fingerprint. */
  readonly staleVectors: number;
}

export interface RedactionReport extends StoredRedaction {
  readonly path: string;
}

export interface FolderCounts {
  readonly documents: number;
  readonly chunks: number;
  readonly failed: number;
  readonly skipped: number;
}

/** What `trove status` shows of an index, read in one go. */
export interface IndexOverview {
  readonly folders: readonly (FolderRow &
    FolderCounts & {
      readonly pending: number;
      readonly settings: FolderSettings;
      /** The client holding the folder's indexing lease now (null: none). */
      readonly heldBy: string | null;
    })[];
  readonly counts: StoreCounts;
  readonly vectors: { readonly fingerprint: string | undefined; readonly dimensions: number | undefined };
  readonly problems: DocumentProblem[];
  readonly queue: { readonly pending: number; readonly failed: JobFailure[] };
  readonly redactions: RedactionReport[];
}

/**
 * An index shared by several clients (PostgreSQL, team mode): search and indexing both go through it; what
 * stays on the machine (audit log, conversations, feedback) stays in the local SQLite file.
 */
export interface SharedIndex extends LexicalIndex, VectorIndex, PassageIndex, IndexStore {
  /** Where the index is, without any password, for messages and `trove status`. */
  readonly location: string;
  overview(): Promise<IndexOverview>;
  /** Runs `work` while this client holds `folderId`'s indexing lease (see FolderLease). */
  readonly leases: FolderLeasing;
  /** Calls `onChange` whenever any client commits a change to the folders, documents, queue or leases. */
  watchChanges(onChange: () => void): Promise<ChangeSubscription>;
  dispose(): Promise<void>;
}

export interface ChangeSubscription {
  close(): Promise<void>;
}

/** Port: which client indexes which folder (team mode); the lease is taken over once its holder stops renewing. */
export interface FolderLeasing {
  /** Takes or renews the lease on `folderId` for `holder` for `ttlMs`; false when another client holds it. */
  acquire(folderId: number, holder: string, ttlMs: number): Promise<boolean>;
  /** The client holding an unexpired lease on `folderId`, if any. */
  holder(folderId: number): Promise<string | undefined>;
  release(folderId: number, holder: string): Promise<void>;
}
