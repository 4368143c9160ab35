/**
 * Turns "one more file done" into the progress events the app and the CLI show: files done of total, chunks
 * per second, the current file and an ETA from the pace so far. The total grows when new work is queued
 * while a run is going (a watcher adding files), so it is re-read rather than fixed at the start.
 */
import type { Clock } from '../types.ts';
import type { IndexProgress, ProgressListener } from './indexer.ts';

const QUEUE_RECOUNT_MS = 500;

export class ProgressTracker {
  private readonly started: number;
  private filesDone = 0;
  private chunks = 0;
  /** The queue length last read, and when; counting a queue of 100,000 jobs per file would cost too much. */
  private queued = 0;
  private queuedReadAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly folder: string,
    private readonly clock: Clock,
    private readonly listener: ProgressListener | undefined,
    /** How many files are still queued (re-read as files start: the queue can grow during a run; a shared queue answers asynchronously). */
    private readonly remaining: () => number | Promise<number>,
  ) {
    this.started = clock.now();
  }

  get completed(): number {
    return this.filesDone;
  }

  async starting(path: string): Promise<void> {
    await this.recountIfDue();
    this.emit('indexing', path);
  }

  /** OCR read `done` of the `total` pages of the file being indexed that need it. */
  pages(path: string, done: number, total: number): void {
    this.emit('indexing', path, { done, total });
  }

  finished(chunks: number): void {
    this.filesDone += 1;
    this.chunks += chunks;
    this.queued = Math.max(0, this.queued - 1);
  }

  async scanning(): Promise<void> {
    await this.recountIfDue();
    this.emit('scanning');
  }

  end(): void {
    this.emit('done');
  }

  private emit(phase: IndexProgress['phase'], currentPath?: string, pages?: IndexProgress['pages']): void {
    if (!this.listener) return;
    const elapsedMs = this.clock.now() - this.started;
    const remaining = phase === 'done' ? 0 : this.queued;
    const filesTotal = this.filesDone + remaining;
    const perFileMs = this.filesDone > 0 ? elapsedMs / this.filesDone : undefined;
    this.listener({
      folder: this.folder,
      phase,
      filesDone: this.filesDone,
      filesTotal,
      chunks: this.chunks,
      currentPath,
      elapsedMs,
      chunksPerSecond: elapsedMs > 0 ? (this.chunks * 1000) / elapsedMs : 0,
      etaMs: perFileMs === undefined ? undefined : Math.round(perFileMs * remaining),
      ...(pages ? { pages } : {}),
    });
  }

  private async recountIfDue(): Promise<void> {
    if (!this.listener) return;
    const now = this.clock.now();
    if (now - this.queuedReadAt < QUEUE_RECOUNT_MS) return;
    this.queuedReadAt = now;
    this.queued = await this.remaining();
  }
}
