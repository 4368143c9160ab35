/**
 * Extraction with a time and a memory limit per file. Risky or big inputs — PDF, DOCX, mail and text files over 256 KiB —
 * are extracted in a worker thread with a V8 heap limit, terminated when it runs out of time: a hostile file
 * costs at most `timeoutMs` and `maxMemoryMb`, and never the indexing process. Small text files, the bulk of
 * most folders, stay in-process: posting them to a worker would cost more than extracting them.
 *
 * OCR (scanned PDF pages, images) runs in the same worker. Its time limit is per page: the worker gives each
 * page at most `ocrPageTimeoutMs` before leaving it out with a notice, and every page read restarts the file's
 * timer with room for one more page (a 300-page scan is not one minute's work). Loading the OCR engine (once
 * per worker, seconds) gets its own allowance.
 *
 * One worker, one file at a time (the indexer works files one by one). It is reused across files, replaced
 * after a crash, a timeout or `RECYCLE_AFTER` files (so a slow leak in a parser stays bounded), and unref'd
 * so an idle worker never keeps the process alive. It is also replaced once its heap has grown past
 * `RECYCLE_HEAP_BYTES`: V8 keeps the memory a big file made it commit (and lets garbage grow in proportion),
 * so after one 8 MB HTML page the process would otherwise stay hundreds of MB larger for the next 200 files.
 */
import { Worker } from 'node:worker_threads';
import { ExtractionError, type ErrorCode } from '../errors.ts';
import { workerEntry } from '../worker-entry.ts';
import type { DocFormat, ExtractedDocument } from '../types.ts';
import { detectFormat, TEXTUAL_FORMATS, verdictFromName } from './formats.ts';
import { unwrapGzip, type UnpackedFile } from './gzip.ts';
import { DEFAULT_MAX_BYTES } from './read-file.ts';

export interface ExtractLimits {
  /** Wall-clock time one file may take in the worker. */
  readonly timeoutMs: number;
  /** The worker's V8 old-generation heap limit. */
  readonly maxMemoryMb: number;
  /** Text-like files up to this size are extracted in-process (the fast path). */
  readonly inProcessMaxBytes: number;
  /** Time OCR may spend on one page or image; a slower page is left out with a notice, not the file. */
  readonly ocrPageTimeoutMs: number;
}

/** What the indexer says about one file besides its bytes. */
export interface ExtractRequestOptions {
  /** The size limit: a `.gz` file's uncompressed size and a message's attachments count against it. */
  readonly maxBytes?: number;
  /** Read scanned pages and images with OCR (the folder's setting; on by default). */
  readonly ocr?: boolean;
  /** Pages read by OCR so far, of those that need it. */
  readonly onPages?: (done: number, total: number) => void;
}

/**
 * 1 GiB of heap: a 48 MiB text file needs ~200 MiB to extract, so no file under the 50 MiB size limit should
 * come near it, while a bomb is stopped long before it hurts the machine.
 * 256 KiB in-process: the Markdown and HTML parsers build trees many times a file's size that live through the
 * parse, so V8 promotes them and the engine's heap then grew to ~700 MB of garbage between collections on a
 * folder of 0.3–1 MB Markdown changelogs (`/usr/share/doc/nodejs`, docs/benchmarks.md); in the worker that
 * memory goes with the worker (RECYCLE_HEAP_BYTES). Most files (a manual's pages, notes, code) are smaller.
 */
export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = { timeoutMs: 60_000, maxMemoryMb: 1024, inProcessMaxBytes: 256 * 2 ** 10, ocrPageTimeoutMs: 45_000 };
/** Below this V8 can hit the heap limit before it can stop the worker, and aborts the whole process instead (seen at 16). */
const MIN_MEMORY_MB = 64;

export interface WorkerRequest {
  readonly id: number;
  readonly path: string;
  /** The name inside a `.gz` file (the path otherwise): its extension picks the format's variant. */
  readonly name: string;
  readonly format: DocFormat;
  readonly bytes: Uint8Array;
  /** The size limit a file's attachments count against. */
  readonly maxBytes: number;
  /** OCR's time per page, or undefined when OCR is off for the file's folder. */
  readonly ocrPageTimeoutMs: number | undefined;
}

export type WorkerReply =
  | { readonly ready: true }
  | { readonly id: number; readonly pages: { readonly done: number; readonly total: number } }
  | { readonly id: number; readonly ocrStarting: true }
  | { readonly id: number; readonly ok: true; readonly document: ExtractedDocument; readonly heapBytes: number }
  | { readonly id: number; readonly ok: false; readonly code: ErrorCode; readonly message: string; readonly heapBytes: number };

interface PendingJob {
  readonly id: number;
  readonly path: string;
  /** The worker running it: events of a worker already replaced must not settle the next file's job. */
  readonly worker: Worker;
  readonly resolve: (document: ExtractedDocument) => void;
  readonly reject: (error: ExtractionError) => void;
  timer: NodeJS.Timeout;
  readonly onPages: ((done: number, total: number) => void) | undefined;
}

const WORKER_ENTRY = workerEntry(new URL('./extract-worker.mjs', import.meta.url));
const RECYCLE_AFTER = 200;
/** The worker's committed heap past which it is replaced after the file it just read. */
const RECYCLE_HEAP_BYTES = 160 * 2 ** 20;
/** Loading the OCR engine (WebAssembly and its language data), once per worker: seconds, more on a busy machine. */
const OCR_START_TIMEOUT_MS = 120_000;
/** Beyond a page's OCR limit: drawing the page and posting the result. */
const OCR_PAGE_MARGIN_MS = 15_000;

export class BoundedExtractor {
  readonly limits: ExtractLimits;
  /** How many files took each path, and how many workers were started (for tests and benchmarks). */
  readonly stats = { inProcess: 0, inWorker: 0, workersStarted: 0 };
  private worker: Worker | undefined;
  /** Resolves once the worker has loaded the extractors: start-up does not count against a file's time. */
  private ready: Promise<void> = Promise.resolve();
  private filesOnWorker = 0;
  /** The worker's heap grew past RECYCLE_HEAP_BYTES with the last file. */
  private heapGrown = false;
  private current: PendingJob | undefined;
  private nextId = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(limits: Partial<ExtractLimits> = {}) {
    const merged = { ...DEFAULT_EXTRACT_LIMITS, ...limits };
    this.limits = { ...merged, maxMemoryMb: Math.max(MIN_MEMORY_MB, merged.maxMemoryMb) };
  }

  /**
   * The indexer's `extract` port: a file's bytes (already read for hashing) → its document. A `.gz` file is
   * unpacked here (bounded by `maxBytes`), and what it holds takes the path its format and size choose.
   */
  readonly extract = async (path: string, bytes: Uint8Array, options: ExtractRequestOptions = {}): Promise<ExtractedDocument> => {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const content = await unwrapGzip(path, bytes, maxBytes);
    const format = detectFormat(content.innerPath, await contentFormat(content));
    if (format === undefined || (TEXTUAL_FORMATS.has(format) && content.bytes.byteLength <= this.limits.inProcessMaxBytes)) {
      this.stats.inProcess += 1;
      // The parsers load with the first file to extract: opening the engine to search never loads them.
      return import('./index.ts').then(({ extractUnpacked }) => extractUnpacked(path, content, maxBytes));
    }
    const ocrPageTimeoutMs = options.ocr === false ? undefined : this.limits.ocrPageTimeoutMs;
    const request = { path, name: content.innerPath, format, bytes: content.bytes, maxBytes, ocrPageTimeoutMs };
    const run = this.tail.then(() => this.inWorker(request, options.onPages));
    this.tail = run.catch(() => undefined);
    return run;
  };

  async dispose(): Promise<void> {
    await this.stopWorker();
  }

  private async inWorker(request: Omit<WorkerRequest, 'id'>, onPages: ExtractRequestOptions['onPages']): Promise<ExtractedDocument> {
    const { path, bytes } = request;
    this.stats.inWorker += 1;
    const worker = this.ensureWorker();
    await this.ready;
    // A copy whose buffer is moved to the worker: the caller keeps its bytes, and nothing is cloned twice.
    const copy = new Uint8Array(bytes);
    return new Promise<ExtractedDocument>((resolve, reject) => {
      const id = ++this.nextId;
      this.current = { id, path, worker, resolve, reject, timer: this.startTimer(path), onPages };
      worker.postMessage({ ...request, id, bytes: copy } satisfies WorkerRequest, [copy.buffer]);
    }).finally(() => {
      if (this.worker !== worker) return;
      this.filesOnWorker += 1;
      if (this.filesOnWorker >= RECYCLE_AFTER || this.heapGrown) void this.stopWorker();
    });
  }

  /** The file's time limit: reading stops when it runs out, unless OCR reports a page read first (pagesRead). */
  private startTimer(path: string, timeoutMs = this.limits.timeoutMs): NodeJS.Timeout {
    return setTimeout(() => {
      const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 100) / 10} s`;
      this.settle(new ExtractionError('TIMED_OUT', path, `Reading the file took longer than ${limit}; it was stopped.`));
      void this.stopWorker();
    }, timeoutMs);
  }

  /** The OCR engine is loading: that once-per-worker start-up gets its own, longer limit instead of the file's. */
  private ocrStarting(job: PendingJob): void {
    clearTimeout(job.timer);
    job.timer = this.startTimer(job.path, Math.max(this.limits.timeoutMs, OCR_START_TIMEOUT_MS));
  }

  /**
   * OCR finished a page: the file's time starts again, with room for the next page's OCR (its own limit, which
   * leaves a slow page out, plus a margin to draw it and report it).
   */
  private pagesRead(job: PendingJob, done: number, total: number): void {
    clearTimeout(job.timer);
    job.timer = this.startTimer(job.path, Math.max(this.limits.timeoutMs, this.limits.ocrPageTimeoutMs + OCR_PAGE_MARGIN_MS));
    job.onPages?.(done, total);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb },
      // Parsers may print warnings; they must never reach the CLI's stdout (which can be --json).
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    const jobOf = () => (this.current?.worker === worker ? this.current : undefined);
    let started: () => void = () => undefined;
    let failedToStart: (error: ExtractionError) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      failedToStart = reject;
    });
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) return started();
      const job = jobOf();
      if (job?.id !== reply.id) return;
      if ('pages' in reply) return this.pagesRead(job, reply.pages.done, reply.pages.total);
      if ('ocrStarting' in reply) return this.ocrStarting(job);
      if (reply.heapBytes > RECYCLE_HEAP_BYTES) this.heapGrown = true;
      this.settle(reply.ok ? reply.document : new ExtractionError(reply.code, job.path, reply.message));
    });
    // Always listened to: an 'error' event without a listener would crash the indexing process.
    worker.on('error', (error: Error & { code?: string }) => {
      const job = jobOf();
      if (!job) return;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const message = `Reading the file needed more than the ${this.limits.maxMemoryMb} MiB of memory allowed for one file; it was stopped.`;
        this.settle(new ExtractionError('MEMORY_LIMIT', job.path, message));
      } else {
        this.settle(new ExtractionError('PARSE_FAILED', job.path, `The file's reader failed: ${error.message.split('\n')[0] ?? ''}`));
      }
    });
    worker.on('exit', (exitCode) => {
      if (this.worker === worker) this.worker = undefined;
      failedToStart(new ExtractionError('INTERNAL', '', `The extraction worker could not start (exit code ${exitCode}).`));
      const job = jobOf();
      if (job) this.settle(new ExtractionError('PARSE_FAILED', job.path, `The file's reader stopped unexpectedly (exit code ${exitCode}).`));
    });
    this.worker = worker;
    this.filesOnWorker = 0;
    this.heapGrown = false;
    this.stats.workersStarted += 1;
    return worker;
  }

  /** Ends the current job, once: with its document, or with the first failure reported for it. */
  private settle(outcome: ExtractedDocument | ExtractionError): void {
    const job = this.current;
    if (!job) return;
    this.current = undefined;
    clearTimeout(job.timer);
    if (outcome instanceof ExtractionError) job.reject(outcome);
    else job.resolve(outcome);
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

/** What the bytes say, for a name that does not decide; the sniffer (and its encoding tables) load on first use. */
async function contentFormat(content: UnpackedFile): Promise<DocFormat | undefined> {
  if (verdictFromName(content.innerPath).kind !== 'by-content') return undefined;
  const { formatFromContent, SNIFF_BYTES } = await import('./sniff.ts');
  return formatFromContent(content.bytes.subarray(0, SNIFF_BYTES));
}
