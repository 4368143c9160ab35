/**
 * Downloads one model file into `<models folder>/.partial/<file>.part` (see partial-file.ts), resuming with
 * HTTP Range requests after a dropped connection (in this call, up to `retries` times, or in a later call),
 * hashing the bytes as they arrive, and only once size and SHA-256 match renames the file into place, so a
 * half or corrupt file never looks like a model. Every failure is a DownloadError whose `partialKept` says
 * whether a resumable partial remains; nothing else is left in the models folder. This is Trove's only
 * network access, and it only runs when the user asks for a model.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, statfs, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DownloadError, type DownloadFailure } from '../errors.ts';
import { checkDownloadUrl } from './download-url.ts';
import { fileSize, partialPaths, partialSha256, recordPartial, removePartial, type PartialPaths } from './partial-file.ts';
import { TransferRate } from './transfer-rate.ts';

export interface DownloadProgress {
  /** Bytes of the file on disk so far (resumed bytes included). */
  readonly receivedBytes: number;
  /** Full size when known (expected size, else what the server says), else undefined. */
  readonly totalBytes: number | undefined;
  /** Where the current request started: > 0 when it resumed a partial file. */
  readonly resumedFrom: number;
  /** Over the last few seconds; null until measured. */
  readonly bytesPerSecond: number | null;
  /** Time left at that speed; null when the speed or the size is unknown. */
  readonly etaMs: number | null;
}

export interface DownloadOptions {
  readonly url: string;
  /** Final path of the file. */
  readonly dest: string;
  /** Expected lower-case hex SHA-256. Required: a model is only installed once its bytes are proven. */
  readonly sha256: string;
  readonly expectedSize?: number | null;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Extra attempts after a dropped connection, a short body or a server error. Default 3. */
  readonly retries?: number;
  /** Pause before attempt n is n × this. Default 1000 ms. */
  readonly retryDelayMs?: number;
  readonly signal?: AbortSignal;
  /** The HTTP client; the global fetch by default. */
  readonly fetch?: typeof fetch;
  /** Clock for the speed and ETA (tests). */
  readonly now?: () => number;
}

export interface DownloadResult {
  readonly path: string;
  readonly sizeBytes: number;
  /** True when the file was already there with the right checksum and nothing was downloaded. */
  readonly alreadyPresent: boolean;
  /** HTTP requests for the body (more than 1 means it resumed). */
  readonly requests: number;
}

const MAX_REDIRECTS = 5;

export async function downloadModel(options: DownloadOptions): Promise<DownloadResult> {
  const { url, dest } = options;
  const expected = options.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(expected)) throw new DownloadError('invalid-argument', url, dest, `"${options.sha256}" is not a SHA-256 (64 hex digits).`);
  checkDownloadUrl(url, url, dest);
  const existing = await fileSize(dest);
  if (existing !== undefined && (await sha256File(dest)) === expected) {
    return { path: dest, sizeBytes: existing, alreadyPresent: true, requests: 0 };
  }
  const paths = partialPaths(dest);
  await mkdir(paths.dir, { recursive: true });
  if ((await partialSha256(paths)) !== expected) await removePartial(paths); // a partial of another file
  await mkdir(paths.dir, { recursive: true });
  await recordPartial(paths, expected);
  const state = await resumeState(paths, options);
  await checkFreeSpace(paths, state.bytes, options);

  const retries = options.retries ?? 3;
  let requests = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      requests++;
      await fetchInto(paths, state, options);
      break;
    } catch (error) {
      if (error instanceof Retryable && attempt < retries && options.signal?.aborted !== true) {
        await sleep((attempt + 1) * (options.retryDelayMs ?? 1000));
        continue;
      }
      const failure = asDownloadError(error, state, options);
      if (!failure.partialKept) await removePartial(paths); // nothing worth resuming: leave nothing behind
      throw failure;
    }
  }
  await verify(paths, state, options);
  await rename(paths.part, dest);
  await removePartial(paths);
  return { path: dest, sizeBytes: state.bytes, alreadyPresent: false, requests };
}

function asDownloadError(error: unknown, state: PartState, options: DownloadOptions): DownloadError {
  if (error instanceof DownloadError) return error;
  if (!(error instanceof Retryable)) {
    return new DownloadError('network', options.url, options.dest, `Downloading ${basename(options.dest)} failed: ${String((error as Error)?.message ?? error)}.`, { cause: error, partialKept: state.bytes > 0 });
  }
  const kept = state.bytes > 0 ? `; the ${mb(state.bytes)} downloaded are kept, so downloading again resumes` : '';
  return new DownloadError(error.reason, options.url, options.dest, `Downloading ${basename(options.dest)} failed: ${error.message}${kept}.`, {
    cause: error,
    partialKept: state.bytes > 0,
    ...(error.status !== undefined ? { status: error.status } : {}),
  });
}

/** The partial file's length and the hash of its bytes, carried across attempts. */
interface PartState {
  bytes: number;
  hash: Hash;
  readonly rate: TransferRate;
}

async function resumeState(paths: PartialPaths, options: DownloadOptions): Promise<PartState> {
  let bytes = (await fileSize(paths.part)) ?? 0;
  if (options.expectedSize != null && bytes > options.expectedSize) {
    await removePartial(paths);
    await mkdir(paths.dir, { recursive: true });
    await recordPartial(paths, options.sha256.toLowerCase());
    bytes = 0;
  }
  const hash = createHash('sha256');
  if (bytes > 0) for await (const chunk of createReadStream(paths.part, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return { bytes, hash, rate: new TransferRate(options.now) };
}

async function checkFreeSpace(paths: PartialPaths, have: number, options: DownloadOptions): Promise<void> {
  if (options.expectedSize == null) return;
  const needed = options.expectedSize - have;
  const fs = await statfs(paths.dir).catch(() => undefined);
  if (fs === undefined || fs.bavail * fs.bsize >= needed) return;
  if (have === 0) await removePartial(paths);
  throw new DownloadError('disk-full', options.url, options.dest, `Not enough disk space for ${basename(options.dest)}: it needs ${mb(needed)} more and ${paths.dir} has ${mb(fs.bavail * fs.bsize)} free.`, {
    partialKept: have > 0,
  });
}

/** A failure worth another attempt: the connection dropped, the body was short, or the server had a passing problem. */
class Retryable extends Error {
  constructor(
    readonly reason: Extract<DownloadFailure, 'network' | 'truncated' | 'http-status'>,
    message: string,
    options?: { cause?: unknown },
    readonly status?: number,
  ) {
    super(message, options);
  }
}

/** One body request appending to the partial file from its current length. Resolves when the server has sent it all. */
async function fetchInto(paths: PartialPaths, state: PartState, options: DownloadOptions): Promise<void> {
  const { url, dest } = options;
  const total = options.expectedSize ?? undefined;
  if (total !== undefined && state.bytes === total) return; // a partial that is whole: only verification is left
  const response = await get(url, state.bytes, options);
  if (response.status === 416 && state.bytes > 0) return; // nothing left to send: the partial file is complete
  if (response.status >= 500) throw new Retryable('http-status', `the server answered HTTP ${response.status}`, undefined, response.status);
  if (!response.ok || response.body === null) {
    throw new DownloadError(response.status === 404 ? 'not-found' : 'http-status', url, dest, `Downloading ${basename(dest)} failed: ${new URL(response.url || url).host} answered HTTP ${response.status}.`, {
      status: response.status,
      partialKept: state.bytes > 0,
    });
  }
  // 206 continues at the current length if Content-Range agrees; 200 means the server ignored Range and sends it whole.
  const resumed = response.status === 206 && contentRangeStart(response) === state.bytes;
  if (!resumed && state.bytes > 0) {
    state.bytes = 0;
    state.hash = createHash('sha256');
  }
  const length = Number(response.headers.get('content-length') ?? NaN);
  const totalBytes = total ?? (Number.isFinite(length) ? state.bytes + length : undefined);
  const file = await open(paths.part, resumed ? 'a' : 'w');
  const resumedFrom = state.bytes;
  const report = () => {
    state.rate.record(state.bytes);
    options.onProgress?.({
      receivedBytes: state.bytes,
      totalBytes,
      resumedFrom,
      bytesPerSecond: state.rate.bytesPerSecond(),
      etaMs: totalBytes === undefined ? null : state.rate.etaMs(totalBytes - state.bytes),
    });
  };
  try {
    report();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      await write(file, chunk, paths, state, options);
      state.hash.update(chunk);
      state.bytes += chunk.length;
      report();
    }
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    if (options.signal?.aborted) throw cancelled(state, options, error);
    if (totalBytes !== undefined) throw new Retryable('truncated', `the connection closed after ${mb(state.bytes)} of ${mb(totalBytes)}`, { cause: error });
    throw new Retryable('network', `the connection was lost after ${mb(state.bytes)}`, { cause: error });
  } finally {
    await file.close();
  }
  if (options.signal?.aborted) throw cancelled(state, options);
  if (totalBytes !== undefined && state.bytes < totalBytes) throw new Retryable('truncated', `the server sent ${mb(state.bytes)} of ${mb(totalBytes)}`);
}

async function write(file: FileHandle, chunk: Uint8Array, paths: PartialPaths, state: PartState, options: DownloadOptions): Promise<void> {
  try {
    await file.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    await removePartial(paths); // the open handle is closed by the caller
    throw new DownloadError('disk-full', options.url, options.dest, `The disk filled up after ${mb(state.bytes)} of ${basename(options.dest)}; the partial file was removed.`, { cause: error });
  }
}

/** GET with Range from `offset`, following redirects itself so that each hop is checked against the URL rules. */
async function get(url: string, offset: number, options: DownloadOptions): Promise<Response> {
  let target = checkDownloadUrl(url, url, options.dest);
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(target, {
        headers: { 'Accept-Encoding': 'identity', ...(offset > 0 ? { Range: `bytes=${offset}-` } : {}) },
        redirect: 'manual',
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw new DownloadError('cancelled', url, options.dest, `Downloading ${basename(options.dest)} was cancelled.`, { cause: error, partialKept: offset > 0 });
      throw new Retryable('network', `cannot reach ${target.host}: ${(error as Error).message}`, { cause: error });
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return response;
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) throw new DownloadError('http-status', url, options.dest, `Downloading ${basename(options.dest)} failed: more than ${MAX_REDIRECTS} redirects.`, { partialKept: offset > 0 });
    target = checkDownloadUrl(new URL(location, target).href, url, options.dest);
  }
}

function cancelled(state: PartState, options: DownloadOptions, cause?: unknown): DownloadError {
  return new DownloadError('cancelled', options.url, options.dest, `Downloading ${basename(options.dest)} was cancelled at ${mb(state.bytes)}; downloading again resumes from there.`, {
    cause,
    partialKept: state.bytes > 0,
  });
}

async function verify(paths: PartialPaths, state: PartState, options: DownloadOptions): Promise<void> {
  const { url, dest } = options;
  const name = basename(dest);
  const size = (await fileSize(paths.part)) ?? 0;
  if (options.expectedSize != null && size !== options.expectedSize) {
    await removePartial(paths);
    throw new DownloadError('size-mismatch', url, dest, `Downloaded ${name} has ${size} bytes, expected ${options.expectedSize}; the partial file was removed.`);
  }
  const actual = state.hash.digest('hex');
  if (actual !== options.sha256.toLowerCase()) {
    await removePartial(paths);
    throw new DownloadError('checksum-mismatch', url, dest, `Downloaded ${name} has SHA-256 ${actual}, expected ${options.sha256.toLowerCase()}; the partial file was removed.`);
  }
}

function contentRangeStart(response: Response): number | undefined {
  const match = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '');
  return match === null ? undefined : Number(match[1]);
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
