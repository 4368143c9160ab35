/**
 * Brings one folder's documents in the index up to date with the disk: new and changed files are extracted,
 * chunked, embedded and written (one transaction each); unchanged files cost a stat; files gone from disk are
 * removed so they can never be cited. One file's failure is recorded with its reason and never stops the rest.
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { TroveError, type ErrorCode } from '../errors.ts';
import type { DocumentFacts } from '../store/document-repository.ts';
import type { DocumentState, FolderRow } from '../store/rows.ts';
import type { Store } from '../store/store.ts';
import type { Chunk, ChunkingOptions, Clock, Embedder, ExtractedDocument, TextBlock } from '../types.ts';
import { chunkFingerprint, embeddingFingerprint } from './fingerprints.ts';
import { walkFolder, type FileEntry, type WalkProblem } from './walk-folder.ts';

export interface IndexerPorts {
  readonly store: Store;
  readonly clock: Clock;
  /** Turns a file's bytes (already read once, for hashing) into blocks. */
  readonly extract: (path: string, bytes: Uint8Array) => Promise<ExtractedDocument>;
  readonly readFile: (path: string, maxBytes: number) => Promise<Uint8Array>;
  readonly isSupported: (path: string) => boolean;
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
}

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
}

export interface IndexRunOptions {
  readonly onProgress?: (progress: IndexProgress) => void;
  readonly signal?: AbortSignal;
}

/** Failures worth retrying on the next run even if the file did not change (a chmod does not move mtime). */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['PERMISSION_DENIED', 'VANISHED', 'TIMED_OUT']);

type Outcome = 'indexed' | 'unchanged' | 'skipped' | 'failed';

export class Indexer {
  private readonly chunkPrint: string;
  private readonly embedPrint: string | undefined;

  constructor(private readonly ports: IndexerPorts) {
    this.chunkPrint = chunkFingerprint(ports.chunking);
    const { embedder } = ports;
    this.embedPrint = embedder && embeddingFingerprint(embedder.modelId, embedder.dimensions, this.chunkPrint);
  }

  async indexFolder(folder: FolderRow, options: IndexRunOptions = {}): Promise<FolderIndexSummary> {
    const { store, clock } = this.ports;
    const started = clock.now();
    const report = (phase: IndexProgress['phase'], filesDone: number, filesTotal: number, chunks: number, currentPath?: string) =>
      options.onProgress?.({ folder: folder.path, phase, filesDone, filesTotal, chunks, currentPath, elapsedMs: clock.now() - started });

    report('scanning', 0, 0, 0);
    // Only indexing may switch the vector table to this model: searching with another model must not drop vectors.
    if (this.ports.embedder && this.embedPrint) store.vectors.useFingerprint(this.embedPrint, this.ports.embedder.dimensions);
    const walkProblems: WalkProblem[] = [];
    const files = await walkFolder(folder.path, walkProblems);
    const known = store.documents.statesForFolder(folder.id);
    const counts: Record<Outcome, number> = { indexed: 0, unchanged: 0, skipped: 0, failed: 0 };
    let chunks = 0;

    for (const [index, file] of files.entries()) {
      if (options.signal?.aborted) break;
      report('indexing', index, files.length, chunks, file.path);
      const state = known.get(file.path);
      known.delete(file.path);
      const result = await this.indexFile(folder, file, state);
      counts[result.outcome] += 1;
      chunks += result.chunks;
    }
    for (const problem of walkProblems) {
      const state = known.get(problem.path);
      known.delete(problem.path);
      if (state) this.recordFailure(folder, { path: problem.path, size: state.size, mtimeMs: state.mtimeMs }, problem.code, problem.message);
    }
    let removed = 0;
    if (!options.signal?.aborted) {
      // Whatever the index holds that the walk did not see is gone from disk (or now excluded): forget it.
      for (const state of known.values()) {
        store.documents.remove(state.id);
        removed += 1;
      }
      store.folders.markIndexed(folder.id, clock.now());
    }
    report('done', files.length, files.length, chunks);
    return {
      folder: folder.path,
      files: files.length,
      ...counts,
      failed: counts.failed + walkProblems.length,
      removed,
      chunks,
      seconds: (clock.now() - started) / 1000,
    };
  }

  private async indexFile(folder: FolderRow, file: FileEntry, state: DocumentState | undefined): Promise<{ outcome: Outcome; chunks: number }> {
    const { store, maxFileBytes } = this.ports;
    if (state && this.isUpToDate(state, file)) return { outcome: 'unchanged', chunks: 0 };
    const facts = this.facts(folder, file);
    if (!this.ports.isSupported(file.path)) {
      store.documents.writeProblem(facts, { status: 'skipped', code: 'UNSUPPORTED_TYPE', message: `${facts.ext || 'This'} files are not indexed` });
      return { outcome: 'skipped', chunks: 0 };
    }
    if (file.size > maxFileBytes) {
      const message = `The file is ${formatMiB(file.size)}, over the ${formatMiB(maxFileBytes)} limit`;
      store.documents.writeProblem(facts, { status: 'skipped', code: 'TOO_LARGE', message });
      return { outcome: 'skipped', chunks: 0 };
    }
    try {
      const bytes = await this.ports.readFile(file.path, maxFileBytes);
      const hash = createHash('sha256').update(bytes).digest('hex');
      if (state && state.status === 'indexed' && state.hash === hash && state.chunkFingerprint === this.chunkPrint) {
        store.documents.touch(state.id, file.size, file.mtimeMs);
        if (this.embedPrint && state.embedFingerprint !== this.embedPrint) await this.reembed(state, folder.id);
        return { outcome: 'unchanged', chunks: 0 };
      }
      const extracted = await this.ports.extract(file.path, bytes);
      const withHash = { ...facts, hash, format: extracted.format, title: extracted.title };
      const chunks = this.ports.chunk(extracted.blocks, this.ports.chunking);
      if (chunks.length === 0) {
        store.documents.writeProblem(withHash, { status: 'skipped', code: 'NO_TEXT', message: 'The file has no text to index' });
        return { outcome: 'skipped', chunks: 0 };
      }
      const embedding = await this.embed(chunks.map((chunk) => chunk.text));
      store.documents.writeIndexed(withHash, { chunks, chunkFingerprint: this.chunkPrint, embedding });
      return { outcome: 'indexed', chunks: chunks.length };
    } catch (error) {
      const code: ErrorCode = error instanceof TroveError ? error.code : readErrorCode(error);
      if (code === 'UNSUPPORTED_TYPE' || code === 'TOO_LARGE') {
        store.documents.writeProblem(facts, { status: 'skipped', code, message: oneLine(error) });
        return { outcome: 'skipped', chunks: 0 };
      }
      this.recordFailure(folder, file, code, oneLine(error));
      return { outcome: 'failed', chunks: 0 };
    }
  }

  private isUpToDate(state: DocumentState, file: FileEntry): boolean {
    if (state.size !== file.size || state.mtimeMs !== file.mtimeMs) return false;
    if (state.status === 'failed') return !TRANSIENT_CODES.has(state.errorCode ?? '');
    if (state.status === 'skipped') return true;
    if (state.chunkFingerprint !== this.chunkPrint) return false;
    return this.embedPrint === undefined || state.embedFingerprint === this.embedPrint;
  }

  private async embed(texts: string[]): Promise<{ vectors: Float32Array[]; fingerprint: string } | undefined> {
    const { embedder } = this.ports;
    if (!embedder || !this.embedPrint) return undefined;
    return { vectors: await embedder.embedDocuments(texts), fingerprint: this.embedPrint };
  }

  private async reembed(state: DocumentState, folderId: number): Promise<void> {
    const chunks = this.ports.store.documents.chunksOf(state.id);
    const embedding = await this.embed(chunks.map((chunk) => chunk.text));
    if (embedding) {
      this.ports.store.documents.writeVectors(state.id, folderId, chunks.map((chunk) => chunk.id), embedding.vectors, embedding.fingerprint);
    }
  }

  private recordFailure(folder: FolderRow, file: FileEntry, code: ErrorCode, message: string): void {
    this.ports.store.documents.writeProblem(this.facts(folder, file), { status: 'failed', code, message });
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
