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

/** Per-folder choices, stored as JSON in `folders.settings`. Absent fields take the engine's defaults. */
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
  /** `indexed`: the file is searchable but parts were left out (pages OCR could not read). */
  readonly status: 'skipped' | 'failed' | 'indexed';
  readonly code: string;
  readonly message: string;
}
