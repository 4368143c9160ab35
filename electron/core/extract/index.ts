/**
 * Extraction: a file's bytes → an ExtractedDocument of TextBlocks with exact source spans.
 * Dispatches by format; every failure leaves as an ExtractionError with a stable code and a one-line message.
 */
import { ExtractionError } from '../errors.ts';
import type { DocFormat, ExtractedDocument } from '../types.ts';
import { looksBinary } from './binary.ts';
import type { Extraction } from './block.ts';
import { extractCode } from './code.ts';
import { extractCsv } from './csv.ts';
import { extractDocx } from './docx.ts';
import type { ExtractContext } from './extract-context.ts';
import { extractImage } from './image.ts';
import { decodeText } from './encoding.ts';
import { FormatFailure } from './format-failure.ts';
import { detectFormat, extensionOf, TEXTUAL_FORMATS } from './formats.ts';
import { extractHtml } from './html.ts';
import { extractJson, extractJsonLines } from './json.ts';
import { extractMarkdown } from './markdown.ts';
import { extractPdf } from './pdf.ts';
import { DEFAULT_MAX_BYTES, readBoundedFile, readHead } from './read-file.ts';
import { extractPackaged, PACKAGED_FORMATS } from './packaged.ts';
import { extractText } from './text.ts';

export { detectFormat, isSupported, SUPPORTED_EXTENSIONS } from './formats.ts';
export { DEFAULT_MAX_BYTES, readBoundedFile } from './read-file.ts';

export interface ExtractOptions {
  /** Files larger than this are refused with TOO_LARGE before being read. Default 50 MiB. */
  readonly maxBytes?: number;
}

/** Reads and extracts one file. Throws ExtractionError (never anything else for problems with the file). */
export async function extractFile(path: string, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const format = detectFormat(path) ?? (await sniffExtensionless(path));
  if (format === undefined) throw unsupported(path);
  const bytes = await readBoundedFile(path, options.maxBytes ?? DEFAULT_MAX_BYTES);
  return extractBytes(bytes, format, path);
}

/** Extracts a file whose bytes the caller has already read (the indexer reads each file once, to hash it too). */
export async function extractReadFile(path: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  const format = detectFormat(path, bytes.subarray(0, 8));
  if (format === undefined) throw unsupported(path);
  return extractBytes(bytes, format, path);
}

/**
 * Extracts bytes already in memory (e.g. read once for hashing). `path` is used for its extension
 * (tsv vs csv, jsonl vs json) and for error reports. Scanned PDF pages and images are read only when
 * `context.ocr` is given (the extraction worker gives it, see bounded-extractor.ts).
 */
export async function extractBytes(bytes: Uint8Array, format: DocFormat, path: string, context: ExtractContext = {}): Promise<ExtractedDocument> {
  try {
    if (format === 'pdf') return { format, ...(await extractPdf(bytes, context)) };
    if (format === 'image') return { format, ...(await extractImage(bytes, context)) };
    if (format === 'docx') return { format, ...(await extractDocx(bytes)) };
    if (PACKAGED_FORMATS.has(format)) return { format, ...(await extractPackaged(bytes, format, extensionOf(path))) };
    if (!TEXTUAL_FORMATS.has(format)) throw unsupported(path);
    if (looksBinary(bytes)) throw new ExtractionError('UNSUPPORTED_TYPE', path, 'The file looks binary, not text.');
    const { text, encoding } = decodeText(bytes);
    return { format, ...extractTextual(text, format, extensionOf(path)), encoding };
  } catch (error) {
    throw asExtractionError(error, path, format);
  }
}

function extractTextual(source: string, format: DocFormat, extension: string): Extraction {
  switch (format) {
    case 'markdown':
      return extractMarkdown(source);
    case 'code':
      return extractCode(source);
    case 'html':
      return extractHtml(source);
    case 'csv':
      return extractCsv(source, extension === 'tsv' ? '\t' : undefined);
    case 'json':
      return extension === 'jsonl' || extension === 'ndjson' ? extractJsonLines(source) : extractJson(source);
    default:
      return extractText(source);
  }
}

/** Extension-less files are read only if they start like a PDF; known names (README, Makefile) never get here. */
async function sniffExtensionless(path: string): Promise<DocFormat | undefined> {
  if (extensionOf(path) !== '') return undefined;
  return detectFormat(path, await readHead(path, 8));
}

function unsupported(path: string): ExtractionError {
  const extension = extensionOf(path);
  const what = extension === '' ? 'Files without an extension' : `".${extension}" files`;
  return new ExtractionError('UNSUPPORTED_TYPE', path, `${what} are not indexed.`);
}

function asExtractionError(error: unknown, path: string, format: DocFormat): ExtractionError {
  if (error instanceof ExtractionError) return error;
  if (error instanceof FormatFailure) return new ExtractionError(error.code, path, oneLine(error.message), { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new ExtractionError('PARSE_FAILED', path, oneLine(`Could not read this ${format.toUpperCase()} file: ${detail}`), { cause: error });
}

/** Parser messages can span lines or quote half the file; users get one short line. */
function oneLine(message: string, maxLength = 200): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length <= maxLength ? line : `${line.slice(0, maxLength - 1)}…`;
}
