/**
 * Named, typed errors. Each carries a stable `code` that crosses process boundaries unchanged and maps to a
 * user-facing action (see `errorAction`). Messages are one line and say what to do; no stack reaches users.
 */
export type ErrorCode =
  | 'UNSUPPORTED_TYPE'
  | 'TOO_LARGE'
  | 'PARSE_FAILED'
  | 'NO_TEXT'
  | 'IMAGE_TOO_LARGE'
  | 'OCR_FAILED'
  | 'ENCRYPTED'
  | 'TIMED_OUT'
  | 'MEMORY_LIMIT'
  | 'NESTING_LIMIT'
  | 'FILE_CHANGED'
  | 'PERMISSION_DENIED'
  | 'VANISHED'
  | 'NOT_FOUND'
  | 'NOT_A_DIRECTORY'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_INVALID'
  | 'ADAPTER_MISMATCH'
  | 'BACKEND_UNAVAILABLE'
  | 'OUT_OF_MEMORY'
  | 'DOWNLOAD_FAILED'
  | 'CHECKSUM_MISMATCH'
  | 'DB_CORRUPT'
  | 'DATA_DIR_NOT_WRITABLE'
  | 'DB_UNAVAILABLE'
  | 'INVALID_ARGUMENT'
  | 'INTERNAL';

export class TroveError extends Error {
  /** What the user can do about it: the code's general advice (errorAction) unless the error knows better. */
  readonly action: string;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; action?: string },
  ) {
    super(message, options);
    this.name = 'TroveError';
    this.action = options?.action ?? errorAction(code);
  }
}

/** A conversation id that names no conversation (never created, or deleted). */
export class ConversationNotFoundError extends TroveError {
  constructor(readonly conversationId: number | string) {
    super('NOT_FOUND', `Conversation ${conversationId} does not exist.`, { action: 'Start a new conversation, or continue one that exists (its id is in `trove ask --json`).' });
    this.name = 'ConversationNotFoundError';
  }
}

/** An answer id that names no recorded answer (mistyped, or from another index). */
export class AnswerNotFoundError extends TroveError {
  constructor(readonly answerId: number | string) {
    super('NOT_FOUND', `Answer ${answerId} does not exist in this index.`, { action: 'Use the answerId printed by `trove ask --json` (or shown under the answer in the app) for this data directory.' });
    this.name = 'AnswerNotFoundError';
  }
}

/** A dataset export could not be written; nothing of it was left behind. `path` is the file that failed. */
export class ExportError extends TroveError {
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('PERMISSION_DENIED', message, { ...options, action: 'Choose a folder you can write to (--out <file>), or fix its permissions.' });
    this.name = 'ExportError';
  }
}

/** A file could not be turned into text; the file is recorded with this code and indexing goes on. */
export class ExtractionError extends TroveError {
  constructor(
    code: ErrorCode,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'ExtractionError';
  }
}

export class FolderError extends TroveError {
  constructor(
    code: 'NOT_FOUND' | 'NOT_A_DIRECTORY' | 'PERMISSION_DENIED',
    readonly path: string,
    message: string,
  ) {
    super(code, message);
    this.name = 'FolderError';
  }
}

export class DataDirError extends TroveError {
  constructor(
    readonly dataDir: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('DATA_DIR_NOT_WRITABLE', message, options);
    this.name = 'DataDirError';
  }
}

export class ModelError extends TroveError {
  constructor(
    code: 'MODEL_NOT_FOUND' | 'MODEL_INVALID' | 'ADAPTER_MISMATCH' | 'BACKEND_UNAVAILABLE' | 'OUT_OF_MEMORY',
    readonly modelPath: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'ModelError';
  }
}

/**
 * Why a model download stopped. Each maps to one line for the user (the message) and an action; `partialKept`
 * says whether a resumable partial file stays in the models folder's `.partial/` (nothing else is ever left).
 */
export type DownloadFailure =
  /** The hub has no such file (HTTP 404). */
  | 'not-found'
  /** Another HTTP status (401/403 for gated files, 5xx after the retries). */
  | 'http-status'
  /** The connection failed or dropped, after the retries. */
  | 'network'
  /** The body ended before the expected size, after the retries. */
  | 'truncated'
  /** No SHA-256 to verify against: none pinned in the manifest and none in the hub's metadata. */
  | 'no-checksum'
  /** The pinned SHA-256 or size and the hub's metadata disagree: the file changed upstream. */
  | 'hub-disagrees'
  | 'checksum-mismatch'
  | 'size-mismatch'
  /** Not enough free space, found before downloading or when a write failed with ENOSPC. */
  | 'disk-full'
  /** A URL that is neither https nor http to this machine (loopback). */
  | 'insecure-url'
  | 'cancelled'
  | 'invalid-argument';

const DOWNLOAD_ACTIONS: Record<DownloadFailure, string> = {
  'not-found': 'Check the model name and the manifest URL; the file may have been renamed or removed upstream.',
  'http-status': 'Try again later; if the file is gated, download it in a browser and put it in the models folder.',
  network: 'Check the network connection and download again; it resumes where it stopped.',
  truncated: 'Download again; it resumes where it stopped.',
  'no-checksum': 'Trove only installs files it can verify: pass the SHA-256 from the file\'s page with --sha256, or use a manifest that pins it.',
  'hub-disagrees': 'The file changed upstream since the manifest was written: update Trove (or the manifest) before downloading it.',
  'checksum-mismatch': 'The download was corrupted or the file changed upstream; the partial file was removed, so download again.',
  'size-mismatch': 'The download was corrupted or the file changed upstream; the partial file was removed, so download again.',
  'disk-full': 'Free some disk space (or set TROVE_MODELS_DIR to a bigger disk) and download again.',
  'insecure-url': 'Models are only downloaded over https; fix the manifest URL.',
  cancelled: 'Download again to resume where it stopped.',
  'invalid-argument': 'Check the command and its options (trove --help).',
};

/** A model download failed or produced the wrong bytes. `path` is where the file was to be saved. */
export class DownloadError extends TroveError {
  readonly partialKept: boolean;
  readonly status: number | undefined;

  constructor(
    readonly reason: DownloadFailure,
    readonly url: string,
    readonly path: string,
    message: string,
    options?: { cause?: unknown; partialKept?: boolean; status?: number },
  ) {
    const code = reason === 'checksum-mismatch' || reason === 'size-mismatch' ? 'CHECKSUM_MISMATCH' : reason === 'invalid-argument' ? 'INVALID_ARGUMENT' : 'DOWNLOAD_FAILED';
    super(code, message, { cause: options?.cause, action: DOWNLOAD_ACTIONS[reason] });
    this.name = 'DownloadError';
    this.partialKept = options?.partialKept ?? false;
    this.status = options?.status;
  }
}

export class StoreError extends TroveError {
  constructor(
    code: 'DB_CORRUPT' | 'DATA_DIR_NOT_WRITABLE' | 'DB_UNAVAILABLE' | 'INTERNAL',
    readonly dbPath: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'StoreError';
  }
}

/** A shared (team) index, named by `--store`, TROVE_STORE or the app's setting, that could not be opened. */
export class SharedIndexError extends TroveError {
  constructor(
    code: 'DB_UNAVAILABLE' | 'INVALID_ARGUMENT',
    /** The index's URL without its password. */
    readonly location: string,
    message: string,
    options?: { cause?: unknown; action?: string },
  ) {
    super(code, message, options);
    this.name = 'SharedIndexError';
  }
}

/** What the user can do about a failure with this code. */
export function errorAction(code: ErrorCode): string {
  switch (code) {
    case 'UNSUPPORTED_TYPE':
      return 'Nothing to do: this kind of file is not indexed.';
    case 'TOO_LARGE':
      return 'Split the file or raise the size limit for its folder.';
    case 'PARSE_FAILED':
      return 'Check that the file opens in its own application; re-save or export it again.';
    case 'NO_TEXT':
      return 'The file has no text to index (for a scanned PDF: OCR found none, or OCR is off for its folder).';
    case 'IMAGE_TOO_LARGE':
      return 'The image is too large to read with OCR; scan it again at a lower resolution, or exclude it.';
    case 'OCR_FAILED':
      return 'OCR could not read it: scan it again more clearly (300 dpi, straight), or exclude it.';
    case 'ENCRYPTED':
      return 'Remove the password protection if the file should be searchable.';
    case 'TIMED_OUT':
      return 'The file took too long to read; split it or exclude it.';
    case 'MEMORY_LIMIT':
      return 'Reading the file needed more memory than Trove allows for one file; split it or exclude it.';
    case 'NESTING_LIMIT':
      return 'The file nests messages or attachments deeper than Trove reads (an attachment loop or a nesting bomb); save the inner documents on their own to index them.';
    case 'FILE_CHANGED':
      return 'The file kept changing while it was being read; it is read again on the next run (or as soon as it settles under trove watch).';
    case 'PERMISSION_DENIED':
      return 'Give your user read access to the file, or exclude it.';
    case 'VANISHED':
      return 'The file was removed or moved while being read; it will be picked up again if it returns.';
    case 'NOT_FOUND':
      return 'Check the path for typos, or that the drive is mounted.';
    case 'NOT_A_DIRECTORY':
      return 'Point Trove at a folder, not a file.';
    case 'MODEL_NOT_FOUND':
      return 'Check the model path, or download a recommended model.';
    case 'MODEL_INVALID':
      return 'Check that the file is the kind of model the option asks for (chat, embedding or reranker), or download it again.';
    case 'ADAPTER_MISMATCH':
      return 'Use an adapter trained for this base model.';
    case 'BACKEND_UNAVAILABLE':
      return 'Trove will use the CPU; update your GPU drivers to use the GPU.';
    case 'OUT_OF_MEMORY':
      return 'Choose a smaller model or context size, or close other applications.';
    case 'DOWNLOAD_FAILED':
      return 'Check the network connection and run the same command again; it resumes where it stopped.';
    case 'CHECKSUM_MISMATCH':
      return 'The download was corrupted or the file changed upstream; the partial file was removed, so run it again.';
    case 'DB_CORRUPT':
      return 'Rebuild the index from your folders with `trove rebuild` (your files are not affected; the damaged file is kept).';
    case 'DATA_DIR_NOT_WRITABLE':
      return 'Choose a data directory you can write to (--data-dir or TROVE_DATA_DIR).';
    case 'DB_UNAVAILABLE':
      return 'Check that the database server is running and reachable, then run the command again: what was indexed is kept.';
    case 'INVALID_ARGUMENT':
      return 'Check the command and its options (trove --help).';
    case 'INTERNAL':
      return 'Please report this problem.';
  }
}
