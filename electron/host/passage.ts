/**
 * The source panel's view of a cited chunk in its file, for text formats whose file is unchanged since it was
 * indexed: the exact character span when the chunk's text is a verbatim slice of the file, else the chunk's
 * lines (Markdown chunks drop heading marks, so their text is not verbatim but their lines are exact). PDF,
 * DOCX and HTML spans point into extracted text, not the file, so there the passage is shown on its own.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PassageRow } from '../core/store/sqlite/passage-queries.ts';
import type { PassageView } from '../shared/api.ts';

/** Formats whose chunk offsets index the decoded file text. */
const TEXT_FORMATS = new Set(['text', 'markdown', 'code', 'csv', 'json']);
const CONTEXT_LINES = 6;

export async function passageView(row: PassageRow, read: (path: string) => Promise<Uint8Array> = (p) => readFile(p)): Promise<PassageView> {
  const base = { chunkId: row.chunkId, path: row.path, startLine: row.startLine, endLine: row.endLine, page: row.page, heading: row.heading };
  const alone: PassageView = { ...base, before: '', passage: row.text, after: '', inContext: false };
  if (!TEXT_FORMATS.has(row.format ?? '')) return alone;
  let bytes: Uint8Array;
  try {
    bytes = await read(row.path);
  } catch {
    return alone;
  }
  if (createHash('sha256').update(bytes).digest('hex') !== row.hash) return alone; // changed on disk since indexing
  const source = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  const [start, end] = source.slice(row.startChar, row.endChar) === row.text ? [row.startChar, row.endChar] : lineSpan(source, row.startLine, row.endLine);
  const from = lineStartBefore(source, start, CONTEXT_LINES);
  const to = lineEndAfter(source, end, CONTEXT_LINES);
  return { ...base, before: source.slice(from, start), passage: source.slice(start, end), after: source.slice(end, to), inContext: true };
}

/** Offsets of 1-based lines `first`..`last` (inclusive, without the final newline). */
function lineSpan(text: string, first: number, last: number): [number, number] {
  let start = 0;
  for (let line = 1; line < first && start >= 0; line++) start = text.indexOf('\n', start) + 1 || -1;
  if (start < 0) return [text.length, text.length];
  let end = start;
  for (let line = first; line <= last; line++) {
    const next = text.indexOf('\n', end + (line === first ? 0 : 1));
    if (next < 0) return [start, text.length];
    end = next;
  }
  return [start, end];
}

/** Offset of the start of the line `lines` lines above the one holding `offset`. */
function lineStartBefore(text: string, offset: number, lines: number): number {
  let at = text.lastIndexOf('\n', offset - 1);
  for (let i = 0; i < lines && at > 0; i++) at = text.lastIndexOf('\n', at - 1);
  return at < 0 ? 0 : at + 1;
}

/** Offset of the end of the line `lines` lines below the one holding `offset`. */
function lineEndAfter(text: string, offset: number, lines: number): number {
  let at = text.indexOf('\n', offset);
  for (let i = 0; i < lines && at >= 0; i++) at = text.indexOf('\n', at + 1);
  return at < 0 ? text.length : at;
}
