/**
 * Extraction: a file's bytes → an ExtractedDocument of TextBlocks with exact source spans.
 * Dispatches by format; every failure leaves as an ExtractionError with a stable code and a one-line message.
 */
import { ExtractionError } from '../errors.ts';
import type { DocFormat, ExtractedDocument } from '../types.ts';
import { AttachmentBudget } from './attachment-budget.ts';
import type { ExtractContext } from './extract-context.ts';
import { looksBinary } from './binary.ts';
import type { Extraction } from './block.ts';
import { extractCode } from './code.ts';
import { extractCsv } from './csv.ts';
import { extractDocx } from './docx.ts';
import { decodeText } from './encoding.ts';
import { FormatFailure } from './format-failure.ts';
import { formatFromHead } from './file-support.ts';
import { detectFormat, extensionOf, TEXTUAL_FORMATS, verdictFromName, withoutGzip } from './formats.ts';
import { unwrapGzip, type UnpackedFile } from './gzip.ts';
import { extractHtml } from './html.ts';
import { extractJson, extractJsonLines } from './json.ts';
import { extractImage } from './image.ts';
import { extractMail } from './mail.ts';
import { extractPackaged, PACKAGED_FORMATS } from './packaged.ts';
import { extractMarkdown } from './markdown.ts';
import { extractPdf } from './pdf.ts';
import { DEFAULT_MAX_BYTES, readBoundedFile } from './read-file.ts';
import { formatFromContent, SNIFF_BYTES } from './sniff.ts';
import { extractText } from './text.ts';

export { detectFormat, isSupported, SUPPORTED_EXTENSIONS } from './formats.ts';
export { DEFAULT_MAX_BYTES, readBoundedFile } from './read-file.ts';

export interface ExtractOptions {
  /** Files larger than this are refused with TOO_LARGE before being read. Default 50 MiB. */
  readonly maxBytes?: number;
}

/** Reads and extracts one file. Throws ExtractionError (never anything else for problems with the file). */
export async function extractFile(path: string, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const format = detectFormat(path) ?? (verdictFromName(path).kind === 'by-content' ? await formatFromHead(path) : undefined);
  if (format === undefined) throw unsupported(path);
  return extractReadFile(path, await readBoundedFile(path, maxBytes), { maxBytes });
}

/**
 * Extracts a file whose bytes the caller has already read (the indexer reads each file once, to hash it too):
 * a `.gz` file is unpacked first (the uncompressed size counts against `maxBytes`), and a name that does not
 * say the format is decided by the first bytes.
 */
export async function extractReadFile(path: string, bytes: Uint8Array, options: { readonly maxBytes?: number } = {}): Promise<ExtractedDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return extractUnpacked(path, await unwrapGzip(path, bytes, maxBytes), maxBytes);
}

/** `extractReadFile` once a `.gz` file is unpacked: `content` is what the file holds and the name it has inside. */
export function extractUnpacked(path: string, content: UnpackedFile, maxBytes = DEFAULT_MAX_BYTES): Promise<ExtractedDocument> {
  const format = formatOf(content.innerPath, content.bytes);
  if (format === undefined) throw unsupported(path);
  return extractBytes(content.bytes, format, path, { name: content.innerPath, maxBytes });
}

/** The format to read bytes as: by name, or by the bytes when the name does not say. */
export function formatOf(name: string, bytes: Uint8Array): DocFormat | undefined {
  return detectFormat(name, formatFromContent(bytes.subarray(0, SNIFF_BYTES)));
}

export interface ExtractBytesOptions extends ExtractContext {
  /** The name whose extension picks the variant (tsv vs csv, jsonl vs json, eml vs mbox); default `path`. */
  readonly name?: string;
  /** The size limit what the file holds (attachments) counts against. */
  readonly maxBytes?: number;
  /** Set when the bytes are an attachment inside another file: the limits of that file's whole tree. */
  readonly budget?: AttachmentBudget;
}

/**
 * Extracts bytes already in memory (e.g. read once for hashing). `path` is used for error reports, and for
 * its extension unless `options.name` is given. Scanned PDF pages and images are read only when `options.ocr`
 * is given (the extraction worker gives it, see bounded-extractor.ts).
 */
export async function extractBytes(bytes: Uint8Array, format: DocFormat, path: string, options: ExtractBytesOptions = {}): Promise<ExtractedDocument> {
  const extension = extensionOf(options.name ?? path);
  try {
    if (format === 'pdf') return { format, ...(await extractPdf(bytes, options)) };
    if (format === 'image') return { format, ...(await extractImage(bytes, options)) };
    if (format === 'docx') return { format, ...(await extractDocx(bytes)) };
    if (PACKAGED_FORMATS.has(format)) return { format, ...(await extractPackaged(bytes, format, extension)) };
    if (format === 'mail') {
      const budget = options.budget ?? AttachmentBudget.forFile(options.maxBytes ?? DEFAULT_MAX_BYTES);
      const readAttachment = (name: string, data: Uint8Array) => extractAttachment(name, data, budget.enter(data.byteLength));
      return { format, ...(await extractMail(bytes, extension === 'mbox' ? 'mbox' : 'eml', readAttachment)) };
    }
    if (!TEXTUAL_FORMATS.has(format)) throw unsupported(path);
    if (looksBinary(bytes)) throw new ExtractionError('UNSUPPORTED_TYPE', path, 'The file looks binary, not text.');
    const { text, encoding } = decodeText(bytes);
    return { format, ...extractTextual(text, format, extension), encoding };
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

/** Failures of one attachment that leave the rest of the message readable; limits and bombs refuse the file. */
const ATTACHMENT_SKIPPED: ReadonlySet<string> = new Set(['UNSUPPORTED_TYPE', 'PARSE_FAILED', 'NO_TEXT', 'ENCRYPTED']);

/** An attachment, dispatched like a file by its name or bytes; undefined when it holds nothing readable. */
async function extractAttachment(name: string, bytes: Uint8Array, budget: AttachmentBudget): Promise<ExtractedDocument | undefined> {
  try {
    const content = await unwrapGzip(name, bytes, budget.limits.maxBytes);
    const format = formatOf(content.innerPath, content.bytes);
    if (format === undefined) return undefined;
    return await extractBytes(content.bytes, format, name, { name: content.innerPath, budget });
  } catch (error) {
    if (error instanceof ExtractionError && ATTACHMENT_SKIPPED.has(error.code)) return undefined;
    throw error;
  }
}

function unsupported(path: string): ExtractionError {
  // A name that does not say the format was judged by its bytes.
  if (verdictFromName(path).kind === 'by-content') return new ExtractionError('UNSUPPORTED_TYPE', path, 'The file looks binary, not text.');
  return new ExtractionError('UNSUPPORTED_TYPE', path, `".${extensionOf(withoutGzip(path))}" files are not indexed.`);
}

function asExtractionError(error: unknown, path: string, format: DocFormat): ExtractionError {
  // An attachment's refusal (a bomb inside a message) is the message's: reported for the file, naming the attachment.
  if (error instanceof ExtractionError && error.path !== path) {
    const message = error.message.startsWith('Attachment "') ? error.message : `Attachment "${error.path}": ${error.message}`;
    return new ExtractionError(error.code, path, oneLine(message), { cause: error });
  }
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
