/** Row shapes the store hands out: plain objects with camelCase names, decoupled from column names. */

export type DocumentStatus = 'indexed' | 'skipped' | 'failed';

export interface FolderRow {
  readonly id: number;
  readonly path: string;
  readonly status: 'active' | 'paused' | 'missing';
  readonly error: string | null;
  readonly addedAt: number;
  readonly indexedAt: number | null;
}

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

export interface DocumentProblem {
  readonly path: string;
  readonly status: 'skipped' | 'failed';
  readonly code: string;
  readonly message: string;
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
  readonly indexedAt: number;
}

export interface ScoredId {
  readonly id: number;
  readonly score: number;
}
