import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DownloadError } from '../../../electron/core/errors.ts';
import { downloadModel, type DownloadProgress } from '../../../electron/core/models/download.ts';
import { partialPaths, recordPartial } from '../../../electron/core/models/partial-file.ts';
import { ensureTestModels } from '../../../scripts/generate-test-models.ts';
import { startModelServer, type ModelServer } from './model-server.ts';

let bytes: Buffer;
let sha256: string;
let dir: string;
let server: ModelServer | undefined;

beforeAll(async () => {
  bytes = await readFile((await ensureTestModels()).model);
  sha256 = createHash('sha256').update(bytes).digest('hex');
  dir = await mkdtemp(join(tmpdir(), 'trove-download-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const files = (): Map<string, Uint8Array> => new Map([['/tiny.gguf', bytes]]);

describe('downloadModel', () => {
  it('downloads, reports progress up to the full size and verifies the checksum', async () => {
    server = await startModelServer(files());
    const dest = join(dir, 'plain', 'tiny.gguf');
    const progress: DownloadProgress[] = [];
    const result = await downloadModel({ url: server.url('/tiny.gguf'), dest, sha256, expectedSize: bytes.length, onProgress: (p) => progress.push(p) });

    expect(result).toMatchObject({ path: dest, sizeBytes: bytes.length, alreadyPresent: false, requests: 1 });
    expect((await readFile(dest)).equals(bytes)).toBe(true);
    expect(existsSync(partialPaths(dest).part)).toBe(false);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.totalBytes === bytes.length)).toBe(true);
    const received = progress.map((p) => p.receivedBytes);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(received.at(-1)).toBe(bytes.length);

    // A second pull finds the verified file and does not touch the network.
    const again = await downloadModel({ url: server.url('/tiny.gguf'), dest, sha256 });
    expect(again.alreadyPresent).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('resumes with an HTTP Range request after the server drops the connection mid-way', async () => {
    const half = Math.floor(bytes.length / 2);
    server = await startModelServer(files(), { cutAfterBytes: half });
    const dest = join(dir, 'resume', 'tiny.gguf');
    const progress: DownloadProgress[] = [];
    const result = await downloadModel({ url: server.url('/tiny.gguf'), dest, sha256, retryDelayMs: 10, onProgress: (p) => progress.push(p) });

    expect(result.requests).toBe(2);
    expect(server.requests[0]?.range).toBeUndefined();
    // The second request asks only for what is missing, from exactly where the first one stopped.
    expect(server.requests[1]?.range).toBe(`bytes=${half}-`);
    expect(progress.some((p) => p.resumedFrom === half)).toBe(true);
    expect((await readFile(dest)).equals(bytes)).toBe(true);
    expect(existsSync(partialPaths(dest).part)).toBe(false);
  });

  it('keeps the partial file when retries run out, and a later call resumes from it', async () => {
    const cut = 10_000;
    server = await startModelServer(files(), { cutAfterBytes: cut, cutRequests: 1 });
    const dest = join(dir, 'later', 'tiny.gguf');
    const error = await downloadModel({ url: server.url('/tiny.gguf'), dest, sha256, retries: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).code).toBe('DOWNLOAD_FAILED');
    expect((error as DownloadError).message).toMatch(/resumes/);
    expect((error as DownloadError).partialKept).toBe(true);
    const kept = (await readFile(partialPaths(dest).part)).length;
    expect(kept).toBe(cut);

    const result = await downloadModel({ url: server.url('/tiny.gguf'), dest, sha256 });
    expect(server.requests[1]?.range).toBe(`bytes=${kept}-`);
    expect(result.requests).toBe(1);
    expect((await readFile(dest)).equals(bytes)).toBe(true);
  });

  it('starts over when the server ignores Range', async () => {
    server = await startModelServer(files(), { ignoreRange: true });
    const dest = join(dir, 'norange', 'tiny.gguf');
    await mkdir(partialPaths(dest).dir, { recursive: true });
    await writeFile(partialPaths(dest).part, bytes.subarray(0, 5000));
    await recordPartial(partialPaths(dest), sha256);
    await downloadModel({ url: server.url('/tiny.gguf'), dest, sha256 });
    expect(server.requests[0]?.range).toBe('bytes=5000-');
    expect((await readFile(dest)).equals(bytes)).toBe(true);
  });

  it('rejects a checksum mismatch and removes the partial file', async () => {
    server = await startModelServer(files());
    const dest = join(dir, 'bad', 'tiny.gguf');
    const wrong = createHash('sha256').update('something else').digest('hex');
    const error = await downloadModel({ url: server.url('/tiny.gguf'), dest, sha256: wrong }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).code).toBe('CHECKSUM_MISMATCH');
    expect((error as DownloadError).message).toContain(sha256);
    expect(existsSync(partialPaths(dest).part)).toBe(false);
    expect(existsSync(dest)).toBe(false);
  });

  it('reports HTTP errors as DOWNLOAD_FAILED without retrying a 404', async () => {
    server = await startModelServer(files());
    const error = await downloadModel({ url: server.url('/missing.gguf'), dest: join(dir, '404', 'x.gguf'), sha256, retryDelayMs: 10 }).catch((e: unknown) => e);
    expect((error as DownloadError).code).toBe('DOWNLOAD_FAILED');
    expect((error as DownloadError).reason).toBe('not-found');
    expect((error as DownloadError).message).toMatch(/HTTP 404/);
    expect(await readdir(join(dir, '404'))).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});
