/**
 * Gold spans of a Trove dataset: where an answer is in the documents. An entry names a file, optionally narrowed
 * to source lines (`path:12-30`, as cited for text formats) or to PDF pages (`path#page=12-14`, 1-based physical
 * pages, as extractors and `pdftotext -f N` count them). A passage matches a span when it is from that file and
 * its lines overlap the span's lines, or its page is within the span's pages.
 */
import { resolve } from 'node:path';

export interface GoldSpan {
  /** The entry as written in the dataset: the id judgments and reports use. */
  readonly key: string;
  readonly path: string;
  readonly lines?: { readonly start: number; readonly end: number };
  readonly pages?: { readonly start: number; readonly end: number };
}

/** The fields of a passage a span is matched against. */
export interface PassageLocation {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly page?: number | null;
}

/** `#slide=N` is a slide deck's page, as its citations print it. */
const PAGES = /^(.*)#(?:page|slide)=(\d+)(?:-(\d+))?$/;
const LINES = /^(.*?):(\d+)(?:-(\d+))?$/;

/** Parses one `expected` entry, or returns a one-line reason it is not valid. */
export function parseGoldSpan(entry: string, baseDir: string): GoldSpan | string {
  const pages = PAGES.exec(entry);
  if (pages) {
    const [, path = '', start = '', end] = pages;
    const range = rangeOf(start, end);
    if (path === '' || !range) return `"${entry}": a page span is path#page=N or path#page=N-M with 1 ≤ N ≤ M`;
    return { key: entry, path: resolve(baseDir, path), pages: range };
  }
  const lines = LINES.exec(entry);
  if (lines) {
    const [, path = '', start = '', end] = lines;
    const range = rangeOf(start, end);
    if (path === '' || !range) return `"${entry}": a line span is path:N or path:N-M with 1 ≤ N ≤ M`;
    return { key: entry, path: resolve(baseDir, path), lines: range };
  }
  if (entry.trim() === '') return 'an expected entry is empty';
  return { key: entry, path: resolve(baseDir, entry) };
}

export function spanMatches(span: GoldSpan, passage: PassageLocation): boolean {
  if (span.path !== passage.path) return false;
  if (span.pages) return passage.page != null && passage.page >= span.pages.start && passage.page <= span.pages.end;
  if (span.lines) return passage.startLine <= span.lines.end && passage.endLine >= span.lines.start;
  return true;
}

function rangeOf(start: string, end: string | undefined): { start: number; end: number } | undefined {
  const from = Number(start);
  const to = end === undefined ? from : Number(end);
  return from >= 1 && to >= from ? { start: from, end: to } : undefined;
}
