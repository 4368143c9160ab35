/**
 * Index progress on stderr: one line rewritten in place on a terminal; on a pipe or log, a line every few
 * seconds, so long runs show life without flooding the log.
 */
import type { IndexProgress } from '../core/index/indexer.ts';

const LOG_INTERVAL_MS = 5000;

export function createProgressPrinter(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (progress: IndexProgress) => void;
  finish: () => void;
} {
  let lastLogged = 0;
  let drawn = false;
  let lastDraw = 0;
  return {
    onProgress(progress) {
      // Before the queue is counted there is nothing meaningful to show ("0/0 files").
      if (progress.phase !== 'indexing' || progress.filesTotal === 0) return;
      const now = Date.now();
      if (stream.isTTY) {
        if (now - lastDraw < 100) return; // redraw at most ten times a second
        lastDraw = now;
        const width = stream.columns ?? 100;
        stream.write(`\r${describe(progress).slice(0, width - 1).padEnd(width - 1)}`);
        drawn = true;
      } else if (now - lastLogged >= LOG_INTERVAL_MS) {
        lastLogged = now;
        stream.write(`${describe(progress)}\n`);
      }
    },
    finish() {
      if (drawn) stream.write(`\r${' '.repeat((stream.columns ?? 100) - 1)}\r`);
      drawn = false;
    },
  };
}

export function describe(progress: IndexProgress): string {
  const eta = progress.etaMs !== undefined && progress.filesDone > 0 ? `, about ${formatDuration(progress.etaMs / 1000)} left` : '';
  const rate = `${progress.chunksPerSecond.toFixed(progress.chunksPerSecond < 10 ? 1 : 0)} chunks/s`;
  const pages = progress.pages ? ` (OCR: page ${Math.min(progress.pages.done + 1, progress.pages.total)} of ${progress.pages.total})` : '';
  return `indexing ${progress.filesDone}/${progress.filesTotal} files, ${progress.chunks} chunks (${rate})${eta}: ${progress.currentPath ?? ''}${pages}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}
