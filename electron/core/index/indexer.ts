/**
 * The per-file work: a new or changed file is hashed, extracted, chunked, embedded and written in one
 * transaction; unchanged files cost a stat; a touched file with the same bytes costs a hash. One file's
 * failure is recorded with its reason and never stops the rest. Which files to process is decided elsewhere
 * (reconcile.ts and the watcher queue jobs, job-runner.ts works them off).
 */
import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import { extname } from 'node:path';
import { ExtractionError, StoreError, TroveError, type ErrorCode } from '../errors.ts';
import type { ExtractRequestOptions } from '../extract/bounded-extractor.ts';
import { redactBlocks, redactText } from '../redact/redact.ts';
import type { DocumentFacts, DocumentState, FolderRow, IndexStore } from '../ports.ts';
import type { Chunk, ChunkingOptions, Clock, Embedder, ExtractedDocument, TextBlock } from '../types.ts';
import { chunkFingerprint, embeddingFingerprint } from './fingerprints.ts';
import type { FileEntry } from './walk-folder.ts';

export interface IndexerPorts {
  /** The index being written (SQLite or PostgreSQL, through the indexing ports). */
  readonly store: IndexStore;
  readonly clock: Clock;
  /** Turns a file's bytes (already read once, for hashing) into blocks; OCR as the folder's setting says, `maxBytes` bounding what they unpack to. */
  readonly extract: (path: string, bytes: Uint8Array, options?: ExtractRequestOptions) => Promise<ExtractedDocument>;
  readonly readFile: (path: string, maxBytes: number) => Promise<Uint8Array>;
  /** Why a file is not indexed, or undefined when it is: from its name, or its first bytes when the name does not say. */
  readonly whyUnsupported: (path: string) => Promise<string | undefined>;
  readonly chunk: (blocks: readonly TextBlock[], options: ChunkingOptions) => Chunk[];
  readonly chunking: ChunkingOptions;
  readonly maxFileBytes: number;
  readonly embedder?: Embedder;
}

export interface IndexProgress {
  readonly folder: string;
  readonly phase: 'scanning' | 'indexing' | 'done';
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly chunks: number;
  readonly currentPath?: string;
  readonly elapsedMs: number;
  /** Chunks written per second since the run started. */
  readonly chunksPerSecond: number;
  /** Estimated time left, from the pace so far; undefined until there is a pace to go by. */
  readonly etaMs?: number;
  /** While OCR reads the current file: pages read so far of those that need OCR. */
  readonly pages?: { readonly done: number; readonly total: number };
}

/** A listener for progress, as the engine hands it to the desktop app and the CLI. */
export type ProgressListener = (progress: IndexProgress) => void;

export interface FolderIndexSummary {
  readonly folder: string;
  readonly files: number;
  readonly indexed: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly failed: number;
  readonly removed: number;
  readonly chunks: number;
  readonly seconds: number;
  /** On a shared index: the client that holds the folder's lease, so this run skipped the folder (or stopped early). */
  readonly heldBy?: string;
}

export interface IndexRunOptions {
  readonly onProgress?: (progress: IndexProgress) => void;
  readonly signal?: AbortSignal;
}

/**
 * Failures worth retrying on the next run even if the file did not change (a chmod does not move mtime).
 * Not TIMED_OUT: a file that ran out of time once would cost the whole time limit again on every run.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['PERMISSION_DENIED', 'VANISHED', 'FILE_CHANGED']);

export type Outcome = 'indexed' | 'unchanged' | 'skipped' | 'failed';

export class Indexer {
  private readonly chunkPrint: string;
  private readonly embedPrint: string | undefined;

  constructor(private readonly ports: IndexerPorts) {
    this.chunkPrint = chunkFingerprint(ports.chunking);
    const { embedder } = ports;
    this.embedPrint = embedder && embeddingFingerprint(embedder.modelId, embedder.dimensions, this.chunkPrint);
  }

  /** Only indexing may switch the vector table to this model: searching with another model must not drop vectors. */
  async prepareVectors(): Promise<void> {
    if (this.ports.embedder && this.embedPrint) await this.ports.store.useVectorFingerprint(this.embedPrint, this.ports.embedder.dimensions);
  }

  /**
   * Whether indexing a file now leaves the vector table as it is: no embedding model, or the table already
   * holds this model's vectors. Otherwise the first write switches the whole table to this model (prepareVectors).
   */
  async vectorsCurrent(): Promise<boolean> {
    // The fingerprint names the model's dimensions (fingerprints.ts), so equal fingerprints mean equal dimensions.
    return !this.ports.embedder || (await this.ports.store.vectorState()).fingerprint === this.embedPrint;
  }

  /** Whether the stored document needs no work for a file with these stat facts (nothing is read). */
  isUpToDate(state: DocumentState, file: FileEntry, maxFileBytes: number = this.ports.maxFileBytes): boolean {
    if (state.size !== file.size || state.mtimeMs !== file.mtimeMs) return false;
    // A changed size limit changes the verdict on an unchanged file: too large now, or no longer too large.
    if ((state.errorCode === 'TOO_LARGE') !== file.size > maxFileBytes) return false;
    if (state.status === 'failed') return !TRANSIENT_CODES.has(state.errorCode ?? '');
    if (state.status === 'skipped') return true;
    if (state.chunkFingerprint !== this.chunkPrint) return false;
    return this.embedPrint === undefined || state.embedFingerprint === this.embedPrint;
  }

  /** Records that a path could not even be listed (an unreadable directory entry). */
  recordFailure(folder: FolderRow, file: FileEntry, code: ErrorCode, message: string): Promise<void> {
    return this.ports.store.writeProblem(this.facts(folder, file), { status: 'failed', code, message });
  }

  /** Brings one file's index entry up to date. `maxFileBytes` is the folder's limit (default: the engine's). */
  async indexFile(
    folder: FolderRow,
    file: FileEntry,
    state: DocumentState | undefined,
    maxFileBytes = this.ports.maxFileBytes,
    onPages?: (done: number, total: number) => void,
  ): Promise<{ outcome: Outcome; chunks: number }> {
    const { store } = this.ports;
    if (state && this.isUpToDate(state, file, maxFileBytes)) return { outcome: 'unchanged', chunks: 0 };
    const facts = this.facts(folder, file);
    try {
      // Only the head of a file whose name does not decide is read here, so a big binary is never read whole.
      const unsupported = await this.ports.whyUnsupported(file.path);
      if (unsupported !== undefined) {
        await store.writeProblem(facts, { status: 'skipped', code: 'UNSUPPORTED_TYPE', message: unsupported });
        return { outcome: 'skipped', chunks: 0 };
      }
      if (file.size > maxFileBytes) {
        const message = `The file is ${formatMiB(file.size)}, over the ${formatMiB(maxFileBytes)} limit`;
        await store.writeProblem(facts, { status: 'skipped', code: 'TOO_LARGE', message });
        return { outcome: 'skipped', chunks: 0 };
      }
      const read = await this.readSettled(file, maxFileBytes);
      const { bytes } = read;
      const hash = createHash('sha256').update(bytes).digest('hex');
      if (state && state.status === 'indexed' && state.hash === hash && state.chunkFingerprint === this.chunkPrint) {
        await store.touch(state.id, read.file.size, read.file.mtimeMs);
        if (this.embedPrint && state.embedFingerprint !== this.embedPrint) await this.reembed(state, folder.id);
        return { outcome: 'unchanged', chunks: 0 };
      }
      const settings = await store.folders.settings(folder.id);
      const extracted = await this.ports.extract(file.path, bytes, { maxBytes: maxFileBytes, ocr: settings.ocr !== false, ...(onPages ? { onPages } : {}) });
      // Secrets go before chunking, so none can straddle a chunk boundary (electron/core/redact).
      const redaction = settings.redact ? redactBlocks(extracted.blocks) : undefined;
      const title = redaction && extracted.title !== undefined ? redactText(extracted.title).text : extracted.title;
      const withHash = { ...this.facts(folder, read.file), hash, format: extracted.format, title };
      const chunks = this.ports.chunk(redaction?.blocks ?? extracted.blocks, this.ports.chunking);
      const [firstNotice] = extracted.notices ?? [];
      if (chunks.length === 0 && firstNotice) {
        // Nothing was readable and OCR says why (every scanned page failed): a failure with that reason.
        const where = firstNotice.page === undefined ? '' : `Page ${firstNotice.page}: `;
        await store.writeProblem(withHash, { status: 'failed', code: firstNotice.code, message: `${where}${firstNotice.message}` });
        return { outcome: 'failed', chunks: 0 };
      }
      if (chunks.length === 0) {
        await store.writeProblem(withHash, { status: 'skipped', code: 'NO_TEXT', message: 'The file has no text to index' });
        return { outcome: 'skipped', chunks: 0 };
      }
      const embedding = await this.embed(chunks.map((chunk) => chunk.text));
      await store.writeDocument(withHash, {
        chunks,
        chunkFingerprint: this.chunkPrint,
        embedding,
        redactions: redaction?.redactions ?? [],
        ...(extracted.notices ? { notices: extracted.notices } : {}),
      });
      return { outcome: 'indexed', chunks: chunks.length };
    } catch (error) {
      // The index itself is gone (a shared database went away): nothing can be recorded, the job stays queued.
      if (isIndexUnavailable(error)) throw error;
      const code: ErrorCode = error instanceof TroveError ? error.code : readErrorCode(error);
      if (code === 'UNSUPPORTED_TYPE' || code === 'TOO_LARGE') {
        await store.writeProblem(facts, { status: 'skipped', code, message: oneLine(error) });
        return { outcome: 'skipped', chunks: 0 };
      }
      await this.recordFailure(folder, file, code, oneLine(error));
      return { outcome: 'failed', chunks: 0 };
    }
  }

  /**
   * Reads the file whose stat facts are `file`. When the bytes read do not match the stat's size (the file
   * was truncated, appended to or replaced in between), it is stat'ed and read once more, so the stored facts
   * always describe the bytes indexed; a file that keeps changing fails with FILE_CHANGED, retried next run.
   */
  private async readSettled(file: FileEntry, maxFileBytes: number): Promise<{ bytes: Uint8Array; file: FileEntry }> {
    let current = file;
    for (let attempt = 1; ; attempt++) {
      const bytes = await this.ports.readFile(current.path, maxFileBytes);
      if (bytes.byteLength === current.size) return { bytes, file: current };
      if (attempt === 2) throw new ExtractionError('FILE_CHANGED', file.path, 'The file changed size while it was being read');
      const stats = await lstat(file.path);
      current = { path: file.path, size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) };
    }
  }

  private async embed(texts: string[]): Promise<{ vectors: Float32Array[]; fingerprint: string } | undefined> {
    const { embedder } = this.ports;
    if (!embedder || !this.embedPrint) return undefined;
    return { vectors: await embedder.embedDocuments(texts), fingerprint: this.embedPrint };
  }

  private async reembed(state: DocumentState, folderId: number): Promise<void> {
    const chunks = await this.ports.store.chunksOf(state.id);
    const embedding = await this.embed(chunks.map((chunk) => chunk.text));
    if (embedding) {
      await this.ports.store.writeVectors(state.id, folderId, chunks.map((chunk) => chunk.id), embedding.vectors, embedding.fingerprint);
    }
  }

  private facts(folder: FolderRow, file: FileEntry): DocumentFacts {
    return {
      folderId: folder.id,
      path: file.path,
      ext: extname(file.path).slice(1).toLowerCase(),
      size: file.size,
      mtimeMs: file.mtimeMs,
      indexedAt: this.ports.clock.now(),
    };
  }
}

/** The index cannot be reached: the file's work is not done, and no outcome of it can be recorded. */
export function isIndexUnavailable(error: unknown): boolean {
  return error instanceof StoreError && error.code === 'DB_UNAVAILABLE';
}

function readErrorCode(error: unknown): ErrorCode {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'PERMISSION_DENIED';
  if (code === 'ENOENT') return 'VANISHED';
  return 'PARSE_FAILED';
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
