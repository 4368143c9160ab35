/**
 * gzip-compressed files (`changelog.gz`, `notes.txt.gz`): inflated with the size limit as a hard cap on the
 * output, so the uncompressed size is what counts and a gzip bomb costs at most the limit before it is
 * refused (zlib stops at `maxOutputLength`). Multi-member files (`cat a.gz b.gz`) inflate whole, as gunzip does.
 */
import { promisify } from 'node:util';
import { constants, gunzip, gunzipSync } from 'node:zlib';
import { ExtractionError } from '../errors.ts';
import { isGzipName, withoutGzip } from './formats.ts';

const gunzipAsync = promisify(gunzip);

export function isGzipData(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** What a file holds, and the name it has inside (`a.md.gz` → `a.md`; the file's own name when not compressed). */
export interface UnpackedFile {
  readonly innerPath: string;
  readonly bytes: Uint8Array;
}

/**
 * What a file holds to extract: for a `.gz` name its inflated bytes and inner name (`a.md.gz` → `a.md`),
 * otherwise the file itself. Throws ExtractionError TOO_LARGE past `maxBytes` uncompressed, PARSE_FAILED
 * for damaged or non-gzip data.
 */
export async function unwrapGzip(path: string, bytes: Uint8Array, maxBytes: number): Promise<UnpackedFile> {
  if (!isGzipName(path)) return { innerPath: path, bytes };
  if (!isGzipData(bytes)) throw new ExtractionError('PARSE_FAILED', path, 'The file is named .gz but is not gzip-compressed.');
  // +1: a file exactly at the limit passes, one byte more is refused.
  const inflated = await inflateUpTo(path, bytes, maxBytes + 1);
  if (inflated.byteLength > maxBytes) throw tooLarge(path, maxBytes);
  return { innerPath: withoutGzip(path), bytes: inflated };
}

async function inflateUpTo(path: string, bytes: Uint8Array, maxOutputLength: number): Promise<Uint8Array> {
  try {
    return await gunzipAsync(bytes, { maxOutputLength });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(path, maxOutputLength - 1);
    throw new ExtractionError('PARSE_FAILED', path, 'The gzip-compressed file is damaged and could not be unpacked.', { cause: error });
  }
}

function tooLarge(path: string, maxBytes: number): ExtractionError {
  return new ExtractionError('TOO_LARGE', path, `The file unpacks to more than the ${mib(maxBytes)} limit (a gzip bomb, or a very large file); it was not read.`);
}

/**
 * The first bytes of what a gzip stream holds, from its first compressed bytes (a truncated stream is fine:
 * sync flush returns what has been inflated so far). Undefined when the bytes are not readable gzip.
 */
export function gunzipHead(compressedHead: Uint8Array, length: number): Uint8Array | undefined {
  if (!isGzipData(compressedHead)) return undefined;
  try {
    // deflate expands at most ~1032:1, so a few KiB of input can never make this large.
    return gunzipSync(compressedHead, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, length);
  } catch {
    return undefined;
  }
}

function mib(bytes: number): string {
  return `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;
}
