/**
 * A worker thread for search (search-worker.ts), so one query uses both cores: it ranks BM25 while the
 * engine's thread searches vectors, and it scans shards of the vector first pass beside the engine's thread
 * (they claim shards from one shared counter, see code-scan.ts). At 1M chunks BM25 takes ~20 ms and the first
 * pass ~50, one after the other on a single thread. The worker starts on demand and is used once it is ready;
 * until then, and after it failed, the caller does the work in-process. A failed worker is restarted at most
 * MAX_STARTS times in all.
 */
import type { Worker } from 'node:worker_threads';
import type { CodeScanJob, ShardCandidates } from './code-scan.ts';
import type { ScoredId, SearchFilter } from '../../ports.ts';
import { workerEntry } from '../../worker-entry.ts';

export interface SearchWorkerData {
  readonly file: string;
}

export type SearchJob =
  | { readonly kind: 'bm25'; readonly query: string; readonly carried: string; readonly k: number; readonly filter: SearchFilter; readonly budget: number }
  | { readonly kind: 'codes'; readonly job: CodeScanJob; readonly claims: SharedArrayBuffer };

export type SearchRequest = SearchJob & { readonly id: number };

export type SearchReply =
  | { readonly ready: true }
  | { readonly id: number; readonly ok: true; readonly hits: ScoredId[] }
  | { readonly id: number; readonly ok: true; readonly shards: ShardCandidates[] }
  | { readonly id: number; readonly ok: false; readonly message: string };

type Answer = ScoredId[] | ShardCandidates[];

const WORKER_ENTRY = workerEntry(new URL('./search-worker.mjs', import.meta.url));
const MAX_STARTS = 3;

interface Pending {
  readonly resolve: (answer: Answer) => void;
  readonly reject: (error: Error) => void;
}

export class SearchThread {
  private worker: Worker | undefined;
  private ready = false;
  private starts = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** `file`: the index database, opened read-only by the worker. */
  constructor(private readonly file: string) {}

  /** Whether a request would be answered now; starts the worker (once) when it is not running. */
  available(): boolean {
    if (!this.worker && this.starts < MAX_STARTS) this.start();
    return this.ready;
  }

  /** BM25 ranking, as rankBm25 computes it on the engine's connection. */
  rank(query: string, k: number, filter: SearchFilter, budget: number, carried = ''): Promise<ScoredId[]> {
    return this.send({ kind: 'bm25', query, carried, k, filter: { ...filter }, budget }) as Promise<ScoredId[]>;
  }

  /**
   * Scans first-pass shards while `claims` hands them out (after any BM25 request sent before it); resolves
   * with the candidates of the shards it scanned. The caller claims from the same buffer meanwhile.
   */
  scanCodes(job: CodeScanJob, claims: SharedArrayBuffer): Promise<ShardCandidates[]> {
    return this.send({ kind: 'codes', job: { ...job, folderIds: [...job.folderIds] }, claims }) as Promise<ShardCandidates[]>;
  }

  private send(job: SearchJob): Promise<Answer> {
    const worker = this.worker;
    if (!worker || !this.ready) return Promise.reject(new Error('The search worker is not ready'));
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Held while a search waits on it, so the process cannot exit under a pending search.
      worker.ref();
      worker.postMessage({ id, ...job } satisfies SearchRequest);
    });
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    this.starts = MAX_STARTS;
    this.failAll(new Error('The search worker was stopped'));
    if (worker) await worker.terminate();
  }

  private start(): void {
    this.starts += 1;
    // Loaded here, not on import: only searches with vectors start the thread, and worker_threads costs every start.
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    const worker = new Worker(WORKER_ENTRY, { workerData: { file: this.file } satisfies SearchWorkerData, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    worker.on('message', (reply: SearchReply) => {
      if ('ready' in reply) {
        this.ready = this.worker === worker;
        return;
      }
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (!pending) return;
      if (!reply.ok) pending.reject(new Error(reply.message));
      else pending.resolve('hits' in reply ? reply.hits : reply.shards);
    });
    // Always listened to: an unhandled 'error' event would take the engine down with the worker.
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`The search worker stopped (exit code ${code})`)));
    this.worker = worker;
  }

  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = false;
    this.failAll(error);
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
