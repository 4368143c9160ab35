/**
 * `read`: a line range (or, for PDFs, a page range) of an indexed document, for a client that found it by
 * searching. Only indexed documents inside indexed folders: the path must be absolute, without `..` segments,
 * inside a registered folder both as written and once symlinks are resolved, and a document the index holds
 * (so ignored files such as `.env` stay unreadable). Folders with redaction on give redacted text.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import type { Engine } from '../core/engine.ts';
import { decodeText } from '../core/extract/encoding.ts';
import { formatFromHead } from '../core/extract/file-support.ts';
import { DEFAULT_MAX_BYTES, extractFile, readBoundedFile } from '../core/extract/index.ts';
import { detectFormat, TEXTUAL_FORMATS } from '../core/extract/formats.ts';
import { unwrapGzip } from '../core/extract/gzip.ts';
import { TroveError } from '../core/errors.ts';
import { redactText } from '../core/redact/redact.ts';
import type { FolderRow } from '../core/ports.ts';
import type { ExtractedDocument } from '../core/types.ts';
import { ReadRefusedError } from './errors.ts';

/** Lines (or pages) given when the request names no end: enough to read on, small enough for a model's context. */
export const DEFAULT_LINES = 200;
export const MAX_LINES = 2000;
export const DEFAULT_PAGES = 3;
export const MAX_PAGES = 20;

export interface ReadRequest {
  readonly path: string;
  /** 1-based, inclusive. Text-like documents. */
  readonly startLine?: number;
  readonly endLine?: number;
  /** 1-based, inclusive. PDFs. */
  readonly startPage?: number;
  readonly endPage?: number;
}

export interface ReadResult {
  readonly path: string;
  readonly format: string;
  /** Lines or pages, 1-based and inclusive, with how many the document has. */
  readonly unit: 'line' | 'page';
  readonly start: number;
  readonly end: number;
  readonly total: number;
  readonly text: string;
  /** True when the folder redacts secrets and this text went through it. */
  readonly redacted: boolean;
  /** More follows `end`. */
  readonly more: boolean;
}

/** The indexed document at `path`, or a ReadRefusedError saying why not. */
export async function indexedDocumentPath(engine: Engine, path: string): Promise<{ path: string; folder: FolderRow }> {
  if (!isAbsolute(path)) throw new ReadRefusedError(path, 'relative-path');
  if (path.split(/[\\/]/).includes('..')) throw new ReadRefusedError(path, 'parent-segment');
  const lexical = resolve(path);
  // On a shared index these are the folders and documents this user may see (row-level security).
  const folder = (await engine.listFolders()).filter((f) => isInside(lexical, f.path)).sort((a, b) => b.path.length - a.path.length)[0];
  if (!folder) throw new ReadRefusedError(path, 'outside-folders');
  const [real, realFolder] = await Promise.all([realpathOrMissing(lexical), realpathOrMissing(folder.path)]);
  if (!isInside(real, realFolder)) throw new ReadRefusedError(path, 'symlink-out');
  const document = await engine.documentState(lexical);
  if (!document || document.status !== 'indexed') throw new ReadRefusedError(path, 'not-indexed');
  return { path: lexical, folder };
}

export async function readDocument(engine: Engine, request: ReadRequest): Promise<ReadResult> {
  const { path, folder } = await indexedDocumentPath(engine, request.path);
  const redact = (await engine.settingsOf(folder.id)).redact === true;
  // Indexed files whose name does not say (README.Debian, changelog.gz) were read by their first bytes.
  const format = detectFormat(path) ?? (await formatFromHead(path)) ?? 'pdf';
  // A slide deck is paged like a PDF: its blocks' pages are slide numbers.
  if (format === 'pdf' || format === 'slides') {
    const pages = pagesOf(await extractFile(path));
    return slice(path, format, 'page', pages, request.startPage, request.endPage, DEFAULT_PAGES, MAX_PAGES, redact);
  }
  const lines = TEXTUAL_FORMATS.has(format) ? decodeText(await readSource(path)).text.split(/\r?\n/) : linesOf(await extractFile(path));
  return slice(path, format, 'line', lines, request.startLine, request.endLine, DEFAULT_LINES, MAX_LINES, redact);
}

function slice(
  path: string,
  format: string,
  unit: 'line' | 'page',
  parts: readonly string[],
  from: number | undefined,
  to: number | undefined,
  byDefault: number,
  most: number,
  redact: boolean,
): ReadResult {
  const total = parts.length;
  const start = from ?? 1;
  if (start > Math.max(total, 1)) throw new TroveError('INVALID_ARGUMENT', `${path} has ${total} ${unit}s; ${unit} ${start} does not exist.`, { action: `Ask for ${unit}s 1 to ${total}.` });
  if (to !== undefined && to < start) throw new TroveError('INVALID_ARGUMENT', `The range ${start}-${to} ends before it starts.`, { action: `Give an end ${unit} at or after the start.` });
  const end = Math.min(total, to ?? start + byDefault - 1, start + most - 1);
  // Redaction keeps the line count (every line of a secret becomes a placeholder), so line numbers stay right.
  const chosen = parts.slice(start - 1, end).map((part) => (redact ? redactText(part).text : part));
  return { path, format, unit, start, end: Math.max(end, start - 1), total, text: chosen.join(unit === 'line' ? '\n' : '\n\f\n'), redacted: redact, more: end < total };
}

/** The bytes whose lines citations count: the file's, or what a `.gz` file holds. */
async function readSource(path: string): Promise<Uint8Array> {
  return (await unwrapGzip(path, await readBoundedFile(path, DEFAULT_MAX_BYTES), DEFAULT_MAX_BYTES)).bytes;
}

/** A PDF's text per page, or a deck's per slide, in order (pages without text are empty). */
function pagesOf(document: ExtractedDocument): string[] {
  const pages: string[][] = [];
  for (const block of document.blocks) {
    const page = (block.page ?? 1) - 1;
    while (pages.length <= page) pages.push([]);
    (pages[page] as string[]).push(block.text);
  }
  return pages.map((texts) => texts.join('\n'));
}

/** An extracted document (DOCX) laid out on the line numbers its blocks cite. */
function linesOf(document: ExtractedDocument): string[] {
  const lines: string[] = [];
  for (const block of document.blocks) {
    block.text.split('\n').forEach((text, i) => {
      const at = block.startLine - 1 + i;
      while (lines.length <= at) lines.push('');
      lines[at] = lines[at] ? `${lines[at]} ${text}` : text;
    });
  }
  return lines;
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

async function realpathOrMissing(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new TroveError('NOT_FOUND', `${path} does not exist (any more).`);
    throw error;
  }
}
