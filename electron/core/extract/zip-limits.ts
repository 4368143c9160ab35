/**
 * Zip-bomb defence for the zip-based formats (DOCX, PPTX, XLSX, OpenDocument, EPUB), run before any library
 * inflates a part (mammoth, jszip and exceljs inflate whole parts into memory). The central directory declares
 * each part's unpacked size: the parts readers read (XML, relationships, XHTML; images are never read) are
 * refused when their declared total is over budget, without inflating anything. A part that unpacks
 * to more than it declares is caught by inflating it with a hard output cap (zlib's maxOutputLength stops
 * at the cap, so a lie costs at most the declared size). The extraction worker's memory limit is the last line.
 */
import { inflateRawSync } from 'node:zlib';
import { FormatFailure } from './format-failure.ts';

export interface ZipLimits {
  /** Most unpacked bytes of markup the parts readers read may declare together. */
  readonly maxXmlBytes: number;
  /** Most entries a package may list (a central directory of millions of entries is a bomb of its own). */
  readonly maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxXmlBytes: 64 * 2 ** 20, maxEntries: 10_000 };

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_32 = 0xffffffff;

/**
 * The parts some reader inflates: markup of every kind these formats hold (OOXML and ODF XML, relationships,
 * EPUB's package file, table of contents and XHTML chapters). Images and fonts are never read.
 */
const READ_PART = /\.(xml|rels|opf|ncx|xhtml|html?)$/i;

/** Whether `checkZipLimits` checked this part: only such parts may be inflated by a reader. */
export function isCheckedPart(name: string): boolean {
  return READ_PART.test(name);
}

/**
 * Throws FormatFailure (TOO_LARGE or PARSE_FAILED) for a package that would unpack to too much. `what` names
 * the document in messages ("The Word document", "The slide deck").
 */
export function checkZipLimits(buffer: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS, what = 'The Word document'): void {
  const entries = centralDirectory(buffer, limits.maxEntries, what);
  // Not a readable zip at all: leave the diagnosis to the format's reader, which reports a damaged document.
  if (entries === undefined) return;
  const read = entries.filter((entry) => READ_PART.test(entry.name));
  const declared = read.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > limits.maxXmlBytes) {
    throw new FormatFailure('TOO_LARGE', `${what} unpacks to ${mib(declared)} of XML, over the ${mib(limits.maxXmlBytes)} Trove reads (a zip bomb, or an enormous document).`);
  }
  for (const entry of read) checkActualSize(buffer, entry, what);
}

function centralDirectory(buffer: Buffer, maxEntries: number, what: string): ZipEntry[] | undefined {
  const eocd = findEndOfCentralDirectory(buffer);
  if (eocd === undefined) return undefined;
  const count = buffer.readUInt16LE(eocd + 10);
  if (count > maxEntries) throw new FormatFailure('TOO_LARGE', `${what} has ${count} parts, over the ${maxEntries} Trove reads.`);
  const entries: ZipEntry[] = [];
  let at = buffer.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) return undefined;
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const extra = buffer.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    let uncompressedSize = buffer.readUInt32LE(at + 24);
    let compressedSize = buffer.readUInt32LE(at + 20);
    // Zip64: a 0xFFFFFFFF size is in the extra field; a package declaring >4 GiB parts is over any budget anyway.
    if (uncompressedSize === MAX_32) uncompressedSize = zip64Size(extra) ?? Number.MAX_SAFE_INTEGER;
    if (compressedSize === MAX_32) compressedSize = Number.MAX_SAFE_INTEGER;
    entries.push({ name, method: buffer.readUInt16LE(at + 10), compressedSize, uncompressedSize, localHeaderOffset: buffer.readUInt32LE(at + 42) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The end-of-central-directory record sits in the last 22 bytes plus an optional comment of up to 64 KiB. */
function findEndOfCentralDirectory(buffer: Buffer): number | undefined {
  const earliest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let at = buffer.length - 22; at >= earliest; at--) {
    if (buffer.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  return undefined;
}

function zip64Size(extra: Buffer): number | undefined {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001 && size >= 8 && at + 12 <= extra.length) return Number(extra.readBigUInt64LE(at + 4));
    at += 4 + size;
  }
  return undefined;
}

/** Inflates a deflated part with its declared size as a hard cap: a part that lies about its size is refused. */
function checkActualSize(buffer: Buffer, entry: ZipEntry, what: string): void {
  if (entry.method !== 8) return; // stored parts are as large as their bytes, which are already in memory
  const local = entry.localHeaderOffset;
  if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== LOCAL_SIGNATURE) return;
  const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
  const data = buffer.subarray(start, Math.min(buffer.length, start + entry.compressedSize));
  try {
    // +1 so that a part exactly as large as declared passes and one byte more fails.
    inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize + 1) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new FormatFailure('PARSE_FAILED', `${what} is damaged or hostile: "${entry.name}" unpacks to more than its declared ${mib(entry.uncompressedSize)}.`);
    }
    // Other inflate errors (damaged data) are left to the reader's own report.
  }
}

function mib(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}
