/** Small display helpers, pure so they are unit-tested. */
import type { DownloadProgressView, FolderView, SourceView } from '../../electron/shared/api.ts';

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${bytes} B`;
}

/** A count with its noun in the right number: "1 file", "4 files", "0 files" (`plural` for irregular nouns). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** When a folder was last brought up to date: the time today, else the date (in the user's locale). */
export function formatIndexedAt(at: number, now: number = Date.now()): string {
  const when = new Date(at);
  return when.toDateString() === new Date(now).toDateString()
    ? `today at ${when.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`
    : `on ${when.toLocaleDateString()}`;
}

/**
 * What a folder is doing when no indexing run is reported for it: nothing pending means it is up to date
 * (never a stale progress bar). Null for a folder that is missing (its error says why).
 */
export function folderActivity(folder: Pick<FolderView, 'status' | 'paused' | 'pending' | 'indexedAt' | 'indexedBy'>, now: number = Date.now()): string | null {
  if (folder.paused) return folder.pending > 0 ? `Paused · ${countOf(folder.pending, 'file')} waiting` : 'Paused';
  if (folder.status !== 'active') return null;
  // A team index's folder that another member's Trove is indexing now: its queue is that client's work.
  if (folder.indexedBy !== null) return `Being indexed by ${folder.indexedBy}${folder.pending > 0 ? ` · ${countOf(folder.pending, 'file')} to go` : ''}`;
  if (folder.pending > 0) return `Indexing · ${countOf(folder.pending, 'file')} to go`;
  if (folder.indexedAt === null) return 'Not indexed yet';
  return `Up to date · indexed ${formatIndexedAt(folder.indexedAt, now)}`;
}

export function formatEta(ms: number | null): string {
  if (ms === null) return 'estimating…';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `about ${minutes} min left` : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** A download's state in words: "12.0 MB of 491.0 MB · 3.2 MB/s · about 2 min left". */
export function describeDownloadProgress(p: Pick<DownloadProgressView, 'receivedBytes' | 'totalBytes' | 'bytesPerSecond' | 'etaMs'>): string {
  const parts = [p.totalBytes !== null ? `${formatBytes(p.receivedBytes)} of ${formatBytes(p.totalBytes)}` : formatBytes(p.receivedBytes)];
  if (p.bytesPerSecond !== null) parts.push(`${formatBytes(p.bytesPerSecond)}/s`);
  if (p.totalBytes !== null && p.receivedBytes < p.totalBytes) parts.push(formatEta(p.etaMs));
  return parts.join(' · ');
}

/**
 * The file's name and its span: "notes.md:3-7", "report.pdf p. 4" for paged documents, "deck.pptx slide 4" for
 * slide decks, "book.xlsx rows 2-40" for spreadsheets (whose lines are rows). Mirrors electron/core/span-ref.ts,
 * which the sandboxed window cannot import.
 */
export function formatSpan(source: Pick<SourceView, 'path' | 'startLine' | 'endLine' | 'page'>): string {
  const name = baseName(source.path);
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (source.page !== null) return ['pptx', 'odp'].includes(extension) ? `${name} slide ${source.page}` : `${name} p. ${source.page}`;
  if (['xlsx', 'ods'].includes(extension)) return `${name} rows ${source.startLine}-${source.endLine}`;
  return source.startLine === source.endLine ? `${name}:${source.startLine}` : `${name}:${source.startLine}-${source.endLine}`;
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}

/** A stream id unique within this window (the host refuses two answers on one id). */
export function newStreamId(now: number = Date.now(), random: number = Math.random()): string {
  return `${now.toString(36)}-${Math.floor(random * 1e9).toString(36)}`;
}
