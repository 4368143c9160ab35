/**
 * Downloads one model file: into `<dest>.part`, resuming with an HTTP Range request after a dropped
 * connection (in this call, up to `retries` times, or in a later call, since the .part file stays), then
 * checks size and SHA-256 and only then renames it into place, so a half or corrupt file never looks like a
 * model. This is Trove's only network access, and it only runs when the user asks for a model.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, truncate } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DownloadError } from '../errors.ts';

export interface DownloadProgress {
  /** Bytes of the file on disk so far (resumed bytes included). */
  readonly receivedBytes: number;
  /** Full size when the server says it, else undefined. */
  readonly totalBytes: number | undefined;
  /** Where this request started: > 0 when it resumed a partial file. */
  readonly resumedFrom: number;
}

export interface DownloadOptions {
  readonly url: string;
  /** Final path of the file. */
  readonly dest: string;
  /** Expected lower-case hex SHA-256. Required: a model is only installed once its bytes are proven. */
  readonly sha256: string;
  readonly expectedSize?: number | null;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Extra attempts after a dropped connection or a server error. Default 3. */
  readonly retries?: number;
  /** Pause before attempt n is n × this. Default 1000 ms. */
  readonly retryDelayMs?: number;
  readonly signal?: AbortSignal;
  /** The HTTP client; the global fetch by default. */
  readonly fetch?: typeof fetch;
}

export interface DownloadResult {
  readonly path: string;
  readonly sizeBytes: number;
  /** True when the file was already there with the right checksum and nothing was downloaded. */
  readonly alreadyPresent: boolean;
  /** HTTP requests made (more than 1 means it resumed). */
  readonly requests: number;
}

export async function downloadModel(options: DownloadOptions): Promise<DownloadResult> {
  const { url, dest } = options;
  const expected = options.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(expected)) throw new DownloadError('INVALID_ARGUMENT', url, dest, `"${options.sha256}" is not a SHA-256 (64 hex digits).`);
  const existing = await sizeOf(dest);
  if (existing !== undefined && (await sha256File(dest)) === expected) {
    return { path: dest, sizeBytes: existing, alreadyPresent: true, requests: 0 };
  }
  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  const retries = options.retries ?? 3;
  let requests = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      requests++;
      await fetchInto(part, options);
      break;
    } catch (error) {
      if (error instanceof DownloadError) throw error;
      if (error instanceof Retryable && attempt < retries && options.signal?.aborted !== true) {
        await sleep((attempt + 1) * (options.retryDelayMs ?? 1000));
        continue;
      }
      const reason = String((error as Error)?.message ?? error);
      throw new DownloadError('DOWNLOAD_FAILED', url, dest, `Downloading ${basename(dest)} failed (${reason}); the partial file is kept, so running the same command again resumes.`, { cause: error });
    }
  }
  await verify(part, options);
  await rename(part, dest);
  return { path: dest, sizeBytes: (await sizeOf(dest)) ?? 0, alreadyPresent: false, requests };
}

/** A failure worth another attempt: the connection dropped or the server had a passing problem. */
class Retryable extends Error {}

/** One HTTP request appending to `part` from its current length. Resolves when the server has sent it all. */
async function fetchInto(part: string, options: DownloadOptions): Promise<void> {
  const { url, dest } = options;
  let offset = (await sizeOf(part)) ?? 0;
  if (options.expectedSize != null && offset > options.expectedSize) {
    await truncate(part, 0);
    offset = 0;
  }
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: offset > 0 ? { Range: `bytes=${offset}-` } : {},
      redirect: 'follow',
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw new Retryable(`cannot reach ${new URL(url).host}: ${(error as Error).message}`, { cause: error });
  }
  if (response.status === 416 && offset > 0) return; // nothing left to send: the part file is complete
  if (response.status >= 500) throw new Retryable(`server error HTTP ${response.status}`);
  if (!response.ok || response.body === null) {
    throw new DownloadError('DOWNLOAD_FAILED', url, dest, `Downloading ${basename(dest)} failed: the server answered HTTP ${response.status}.`);
  }
  // 206 continues at `offset` if Content-Range agrees; 200 means the server ignored Range and sends it whole.
  const resumed = response.status === 206 && contentRangeStart(response) === offset;
  if (!resumed) offset = 0;
  const length = Number(response.headers.get('content-length') ?? NaN);
  const totalBytes = Number.isFinite(length) ? offset + length : undefined;

  const file = await open(part, resumed ? 'a' : 'w');
  let received = offset;
  try {
    options.onProgress?.({ receivedBytes: received, totalBytes, resumedFrom: offset });
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      await file.write(chunk);
      received += chunk.length;
      options.onProgress?.({ receivedBytes: received, totalBytes, resumedFrom: offset });
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new Retryable(`connection lost after ${received} bytes`, { cause: error });
  } finally {
    await file.close();
  }
  if (totalBytes !== undefined && received < totalBytes) throw new Retryable(`connection closed after ${received} of ${totalBytes} bytes`);
}

async function verify(part: string, options: DownloadOptions): Promise<void> {
  const { url, dest } = options;
  const size = (await sizeOf(part)) ?? 0;
  const name = basename(dest);
  if (options.expectedSize != null && size !== options.expectedSize) {
    await rm(part, { force: true });
    throw new DownloadError('CHECKSUM_MISMATCH', url, dest, `Downloaded ${name} has ${size} bytes, expected ${options.expectedSize}; the partial file was removed.`);
  }
  const actual = await sha256File(part);
  if (actual !== options.sha256.toLowerCase()) {
    await rm(part, { force: true });
    throw new DownloadError('CHECKSUM_MISMATCH', url, dest, `Downloaded ${name} has SHA-256 ${actual}, expected ${options.sha256.toLowerCase()}; the partial file was removed.`);
  }
}

function contentRangeStart(response: Response): number | undefined {
  const match = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '');
  return match === null ? undefined : Number(match[1]);
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
