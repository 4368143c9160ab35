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

export interface LexicalRankOptions {
  /** Words carried over from earlier turns of a conversation, searched with the query's own at the same weight. */
  readonly carried?: string;
  /** A vector search runs at the same time: an index with a second thread ranks there (store/sqlite/search-thread.ts). */
  readonly alongsideVectors?: boolean;
}

/** Port: full-text ranking of chunks for a query, with the terms of Trove's own analyser (text/analyze.ts). */
export interface LexicalIndex {
  rankLexical(query: string, k: number, filter: SearchFilter, options?: LexicalRankOptions): Promise<ScoredId[]>;
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
