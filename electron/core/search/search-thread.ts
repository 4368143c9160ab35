/**
 * Runs BM25 on a worker thread (bm25-worker.ts) so hybrid search can score text and vectors at once on two
 * cores: at 1M chunks each half takes ~10–30 ms, one after the other on a single thread. The worker starts on
 * demand and is used once it is ready; until then, and after it failed, the caller ranks in-process. A failed
 * worker is restarted at most MAX_STARTS times in all.
 */
import { Worker } from 'node:worker_threads';
import type { ScoredId } from '../store/rows.ts';
import type { SearchFilter } from '../store/search-queries.ts';

export interface Bm25WorkerData {
  readonly file: string;
}

export interface Bm25Request {
  readonly id: number;
  readonly query: string;
  readonly k: number;
  readonly filter: SearchFilter;
  readonly budget: number;
}

export type Bm25Reply =
  | { readonly ready: true }
  | { readonly id: number; readonly ok: true; readonly hits: ScoredId[] }
  | { readonly id: number; readonly ok: false; readonly message: string };

const WORKER_ENTRY = new URL('./bm25-worker.mjs', import.meta.url);
const MAX_STARTS = 3;

interface Pending {
  readonly resolve: (hits: ScoredId[]) => void;
  readonly reject: (error: Error) => void;
}

export class Bm25Thread {
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

  rank(query: string, k: number, filter: SearchFilter, budget: number): Promise<ScoredId[]> {
    const worker = this.worker;
    if (!worker || !this.ready) return Promise.reject(new Error('The BM25 worker is not ready'));
    const id = this.nextId++;
    return new Promise<ScoredId[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Held while a search waits on it, so the process cannot exit under a pending search.
      worker.ref();
      worker.postMessage({ id, query, k, filter: { ...filter }, budget } satisfies Bm25Request);
    });
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    this.starts = MAX_STARTS;
    this.failAll(new Error('The BM25 worker was stopped'));
    if (worker) await worker.terminate();
  }

  private start(): void {
    this.starts += 1;
    const worker = new Worker(WORKER_ENTRY, { workerData: { file: this.file } satisfies Bm25WorkerData, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    worker.on('message', (reply: Bm25Reply) => {
      if ('ready' in reply) {
        this.ready = this.worker === worker;
        return;
      }
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (!pending) return;
      if (reply.ok) pending.resolve(reply.hits);
      else pending.reject(new Error(reply.message));
    });
    // Always listened to: an unhandled 'error' event would take the engine down with the worker.
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`The BM25 worker stopped (exit code ${code})`)));
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
