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

/** e.g. "qwen [#########-----] 60% 300.0 MB / 500.0 MB (resumed at 120.0 MB)". */
export function describeDownload(name: string, p: DownloadProgress): string {
  const resumed = p.resumedFrom > 0 ? ` (resumed at ${mb(p.resumedFrom)})` : '';
  if (p.totalBytes === undefined || p.totalBytes === 0) return `${name} ${mb(p.receivedBytes)}${resumed}`;
  const fraction = Math.min(1, p.receivedBytes / p.totalBytes);
  const filled = Math.round(fraction * BAR_WIDTH);
  return `${name} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.floor(fraction * 100)}% ${mb(p.receivedBytes)} / ${mb(p.totalBytes)}${resumed}`;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
