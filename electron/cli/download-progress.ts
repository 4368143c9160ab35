/**
 * Download progress on stderr: a bar redrawn in place on a terminal; on a pipe or log, a line every few
 * seconds, so a long download shows life without flooding the log.
 */
import type { DownloadProgress } from '../core/models/download.ts';

const LOG_INTERVAL_MS = 5000;
const BAR_WIDTH = 30;

export function createDownloadProgress(name: string, stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (progress: DownloadProgress) => void;
  finish: () => void;
} {
  let lastDraw = 0;
  let drawn = false;
  let last: DownloadProgress | undefined;
  return {
    onProgress(progress) {
      last = progress;
      const now = Date.now();
      if (now - lastDraw < (stream.isTTY ? 100 : LOG_INTERVAL_MS)) return;
      lastDraw = now;
      if (stream.isTTY) {
        stream.write(`\r${describeDownload(name, progress)}`);
        drawn = true;
      } else stream.write(`${describeDownload(name, progress)}\n`);
    },
    finish() {
      if (last !== undefined) stream.write(`${drawn ? '\r' : ''}${describeDownload(name, last)}\n`);
    },
  };
}

/** e.g. "qwen [#########-----] 60% 300.0 MB / 500.0 MB, 12.5 MB/s, 16 s left (resumed at 120.0 MB)". */
export function describeDownload(name: string, p: DownloadProgress): string {
  const resumed = p.resumedFrom > 0 ? ` (resumed at ${mb(p.resumedFrom)})` : '';
  const speed = p.bytesPerSecond !== null ? `, ${mb(p.bytesPerSecond)}/s` : '';
  if (p.totalBytes === undefined || p.totalBytes === 0) return `${name} ${mb(p.receivedBytes)}${speed}${resumed}`;
  const fraction = Math.min(1, p.receivedBytes / p.totalBytes);
  const filled = Math.round(fraction * BAR_WIDTH);
  const left = p.etaMs !== null && p.receivedBytes < p.totalBytes ? `, ${duration(p.etaMs)} left` : '';
  return `${name} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.floor(fraction * 100)}% ${mb(p.receivedBytes)} / ${mb(p.totalBytes)}${speed}${left}${resumed}`;
}

function duration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
