/** Reads a file for extraction: size checked with stat before any byte is read, fs errors given their codes. */
import { open, readFile, stat } from 'node:fs/promises';
import { ExtractionError } from '../errors.ts';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export async function readBoundedFile(path: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ExtractionError('UNSUPPORTED_TYPE', path, 'Not a regular file.');
    if (info.size > maxBytes) throw tooLarge(path, info.size, maxBytes);
    const bytes = await readFile(path);
    // The file may have grown between stat and read.
    if (bytes.byteLength > maxBytes) throw tooLarge(path, bytes.byteLength, maxBytes);
    return bytes;
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw fileSystemError(path, error);
  }
}

function tooLarge(path: string, size: number, maxBytes: number): ExtractionError {
  return new ExtractionError('TOO_LARGE', path, `File is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit.`);
}

function fileSystemError(path: string, error: unknown): ExtractionError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new ExtractionError('VANISHED', path, 'The file no longer exists.', { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new ExtractionError('PERMISSION_DENIED', path, 'No permission to read the file.', { cause: error });
    case 'EISDIR':
      return new ExtractionError('UNSUPPORTED_TYPE', path, 'Not a regular file.', { cause: error });
    default:
      return new ExtractionError('PARSE_FAILED', path, `Could not read the file (${code ?? 'unknown error'}).`, { cause: error });
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/** The first `length` bytes of a file (fewer if it is shorter), for content sniffing. */
export async function readHead(path: string, length: number): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = new Uint8Array(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fileSystemError(path, error);
  }
}
