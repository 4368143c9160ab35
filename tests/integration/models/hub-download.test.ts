/**
 * Pulling recommended models from an emulated Hugging Face hub (tests/helpers/hub-emulator.ts): the expected
 * SHA-256 and size come from the hub's metadata (X-Linked-Etag / X-Linked-Size on a HEAD that does not follow
 * the redirect), the bytes from the CDN on another host. Every failure leaves nothing in the models folder
 * except a resumable partial where one is worth keeping.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DownloadError } from '../../../electron/core/errors.ts';
import type { DownloadProgress } from '../../../electron/core/models/download.ts';
import { fetchHubMetadata } from '../../../electron/core/models/hub-metadata.ts';
import { loadManifest, DEFAULT_MANIFEST_PATH, type ManifestEntry } from '../../../electron/core/models/manifest.ts';
import { partialPaths, recordPartial } from '../../../electron/core/models/partial-file.ts';
import { downloadability, pullModel, type PullOptions } from '../../../electron/core/models/pull.ts';
import { ensureTestModels } from '../../../scripts/generate-test-models.ts';
import { HUB_COMMIT, startHubEmulator, type HubEmulator } from '../../helpers/hub-emulator.ts';

const FILE_PATH = '/test-org/Tiny-GGUF/resolve/main/tiny-q8_0.gguf';
let bytes: Buffer;
let sha256: string;
let root: string;
let hub: HubEmulator;
let modelsDir: string;
let run = 0;

const entry = (overrides: Partial<ManifestEntry> = {}): ManifestEntry => ({
  name: 'tiny',
  role: 'chat',
  file: 'tiny-q8_0.gguf',
  url: `https://huggingface.co${FILE_PATH}`,
  sizeBytes: null,
  approxSizeBytes: 1,
  sha256: null,
  license: 'MIT',
  description: 'test',
  ...overrides,
});
const options = (extra: Partial<PullOptions> = {}): PullOptions => ({ modelsDir, env: { TROVE_MODEL_HUB_URL: hub.hubUrl }, retryDelayMs: 5, ...extra });
const failure = (promise: Promise<unknown>): Promise<DownloadError> =>
  promise.then(
    () => {
      throw new Error('expected the pull to fail');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(DownloadError);
      return error as DownloadError;
    },
  );
/** Everything in the models folder, partial folder included. */
const leftovers = async (): Promise<string[]> => (existsSync(modelsDir) ? (await readdir(modelsDir, { recursive: true })).map(String).sort() : []);

beforeAll(async () => {
  bytes = await readFile((await ensureTestModels()).model);
  sha256 = createHash('sha256').update(bytes).digest('hex');
  root = await mkdtemp(join(tmpdir(), 'trove-hub-'));
});
beforeEach(async () => {
  hub = await startHubEmulator();
  modelsDir = join(root, `models-${++run}`);
});
afterEach(async () => {
  await hub.close();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('hub metadata', () => {
  it('reads SHA-256, size and commit from the HEAD without following the redirect to the CDN', async () => {
    hub.put(FILE_PATH, { bytes });
    const meta = await fetchHubMetadata(`${hub.hubUrl}${FILE_PATH}`, { dest: 'x' });
    expect(meta).toEqual({ sha256, sizeBytes: bytes.length, commit: HUB_COMMIT, downloadUrl: `${hub.cdnUrl}/blobs${FILE_PATH}` });
    expect(hub.requests.map((r) => [r.server, r.method])).toEqual([['hub', 'HEAD']]);
  });

  it('follows a relative redirect (a renamed repository) on the same host', async () => {
    hub.put(FILE_PATH, { bytes });
    hub.rename('/old-org/Tiny-GGUF/', '/test-org/Tiny-GGUF/');
    const meta = await fetchHubMetadata(`${hub.hubUrl}/old-org/Tiny-GGUF/resolve/main/tiny-q8_0.gguf`, { dest: 'x' });
    expect(meta.sha256).toBe(sha256);
    expect(hub.requests.map((r) => r.path)).toEqual(['/old-org/Tiny-GGUF/resolve/main/tiny-q8_0.gguf', FILE_PATH]);
  });
});

describe('pullModel from the hub', () => {
  it('downloads from the CDN on another host, verified with the hub SHA-256, and reports speed and ETA', async () => {
    hub.put(FILE_PATH, { bytes, trickle: { chunkBytes: 64 * 1024, pauseMs: 5 } });
    const progress: DownloadProgress[] = [];
    let clock = 0;
    const now = () => (clock += 100); // each progress report 100 ms after the last
    const result = await pullModel(entry(), options({ onProgress: (p) => progress.push(p), now }));
    expect(result).toMatchObject({ path: join(modelsDir, 'tiny-q8_0.gguf'), sizeBytes: bytes.length, verifiedWith: 'hub', sha256, commit: HUB_COMMIT, requests: 1 });
    expect((await readFile(result.path)).equals(bytes)).toBe(true);
    expect(await leftovers()).toEqual(['tiny-q8_0.gguf']);
    // Metadata from the hub (127.0.0.1), bytes from the CDN (localhost, another port).
    expect(hub.requests.map((r) => [r.server, r.method, r.host.split(':')[0]])).toEqual([
      ['hub', 'HEAD', '127.0.0.1'],
      ['cdn', 'GET', 'localhost'],
    ]);
    expect(progress.every((p) => p.totalBytes === bytes.length)).toBe(true);
    expect(progress.at(-1)?.receivedBytes).toBe(bytes.length);
    const measured = progress.filter((p) => p.bytesPerSecond !== null);
    expect(measured.length).toBeGreaterThan(0);
    expect(measured.every((p) => p.bytesPerSecond! > 0 && p.etaMs !== null && p.etaMs >= 0)).toBe(true);

    // Pulling again finds the verified file: only the metadata is asked for.
    const again = await pullModel(entry(), options());
    expect(again.alreadyPresent).toBe(true);
    expect(hub.requests.filter((r) => r.server === 'cdn')).toHaveLength(1);
  });

  it('a pinned SHA-256 is used without asking the hub for metadata, and a mismatch is refused', async () => {
    hub.put(FILE_PATH, { bytes });
    const wrong = createHash('sha256').update('another file').digest('hex');
    const error = await failure(pullModel(entry({ sha256: wrong }), options()));
    expect(error.reason).toBe('checksum-mismatch');
    expect(error.code).toBe('CHECKSUM_MISMATCH');
    expect(hub.requests.map((r) => [r.server, r.method])).toEqual([
      ['hub', 'GET'],
      ['cdn', 'GET'],
    ]);
    expect(await leftovers()).toEqual([]);
  });

  it('a wrong hash from the hub removes the bytes and installs nothing', async () => {
    hub.put(FILE_PATH, { bytes, sha256: createHash('sha256').update('tampered').digest('hex') });
    const error = await failure(pullModel(entry(), options()));
    expect(error.reason).toBe('checksum-mismatch');
    expect(error.message).toMatch(/^Downloaded tiny-q8_0\.gguf has SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64}; the partial file was removed\.$/);
    expect(error.partialKept).toBe(false);
    expect(await leftovers()).toEqual([]);
  });

  it('a size that disagrees with the hub is refused after the download, leaving nothing', async () => {
    hub.put(FILE_PATH, { bytes, size: bytes.length - 1 });
    const error = await failure(pullModel(entry(), options()));
    expect(error.reason).toBe('size-mismatch');
    expect(await leftovers()).toEqual([]);
  });

  it('a truncated body is resumed with a Range request in the same pull', async () => {
    hub.put(FILE_PATH, { bytes, cutAfterBytes: 30_000 });
    const result = await pullModel(entry(), options());
    expect(result.requests).toBe(2);
    expect(hub.requests.filter((r) => r.server === 'cdn').map((r) => r.range)).toEqual([undefined, 'bytes=30000-']);
    expect((await readFile(result.path)).equals(bytes)).toBe(true);
    expect(await leftovers()).toEqual(['tiny-q8_0.gguf']);
  });

  it('a body that keeps getting cut fails as truncated, keeps the resumable partial, and the next pull resumes it', async () => {
    hub.put(FILE_PATH, { bytes, cutAfterBytes: 25_000, cutRequests: 100 });
    const error = await failure(pullModel(entry(), options()));
    expect(error.reason).toBe('truncated');
    expect(error.partialKept).toBe(true);
    expect(error.message).toMatch(/downloading again resumes\.$/);
    const { part } = partialPaths(join(modelsDir, 'tiny-q8_0.gguf'));
    const kept = (await readFile(part)).length;
    expect(kept).toBe(4 * 25_000); // four attempts, each adding what it got
    expect(await leftovers()).toEqual(['.partial', '.partial/tiny-q8_0.gguf.part', '.partial/tiny-q8_0.gguf.part.json']);

    hub.put(FILE_PATH, { bytes });
    const result = await pullModel(entry(), options());
    expect(hub.requests.at(-1)).toMatchObject({ server: 'cdn', range: `bytes=${kept}-` });
    expect((await readFile(result.path)).equals(bytes)).toBe(true);
    expect(await leftovers()).toEqual(['tiny-q8_0.gguf']);
  });

  it('a 404 from the hub is a not-found error and creates nothing', async () => {
    const error = await failure(pullModel(entry(), options()));
    expect(error.reason).toBe('not-found');
    expect(error.status).toBe(404);
    expect(error.message).toBe(`127.0.0.1:${new URL(hub.hubUrl).port} has no file at ${FILE_PATH} (HTTP 404).`);
    expect(await leftovers()).toEqual([]);
  });

  it('missing metadata (no X-Linked-Etag) is refused before any byte is downloaded', async () => {
    hub.put(FILE_PATH, { bytes, sha256: null });
    const error = await failure(pullModel(entry(), options()));
    expect(error.reason).toBe('no-checksum');
    expect(error.message).toMatch(/^tiny has no SHA-256 to verify against: the manifest pins none and 127\.0\.0\.1:\d+ published none for the file\.$/);
    expect(hub.requests.map((r) => r.server)).toEqual(['hub']);
    expect(await leftovers()).toEqual([]);
  });

  it('cancel keeps a resumable partial, and the next pull resumes from it', async () => {
    const stall = 40_000;
    hub.put(FILE_PATH, { bytes, stallAfterBytes: stall });
    const controller = new AbortController();
    const error = await failure(
      pullModel(entry(), options({ signal: controller.signal, onProgress: (p) => p.receivedBytes >= stall && controller.abort() })),
    );
    expect(error.reason).toBe('cancelled');
    expect(error.partialKept).toBe(true);
    const { part } = partialPaths(join(modelsDir, 'tiny-q8_0.gguf'));
    expect((await readFile(part)).length).toBe(stall);

    const progress: DownloadProgress[] = [];
    const result = await pullModel(entry(), options({ onProgress: (p) => progress.push(p) }));
    expect(hub.requests.at(-1)).toMatchObject({ server: 'cdn', range: `bytes=${stall}-` });
    expect(progress[0]).toMatchObject({ receivedBytes: stall, resumedFrom: stall });
    expect((await readFile(result.path)).equals(bytes)).toBe(true);
    expect(await leftovers()).toEqual(['tiny-q8_0.gguf']);
  });

  it('a partial of a different file (the hub now has another SHA-256) is discarded, not resumed', async () => {
    const dest = join(modelsDir, 'tiny-q8_0.gguf');
    await mkdir(partialPaths(dest).dir, { recursive: true });
    await (await import('node:fs/promises')).writeFile(partialPaths(dest).part, Buffer.alloc(5000, 7));
    await recordPartial(partialPaths(dest), createHash('sha256').update('older upload').digest('hex'));
    hub.put(FILE_PATH, { bytes });
    await pullModel(entry(), options());
    expect(hub.requests.at(-1)?.range).toBeUndefined();
    expect((await readFile(dest)).equals(bytes)).toBe(true);
  });

  it('a file larger than the free disk space is refused before downloading', async () => {
    hub.put(FILE_PATH, { bytes, size: 2 ** 52 });
    const error = await failure(pullModel(entry(), options()));
    expect(error.reason).toBe('disk-full');
    expect(error.message).toMatch(/^Not enough disk space for tiny-q8_0\.gguf: it needs \d+\.\d MB more and .* has \d+\.\d MB free\.$/);
    expect(hub.requests.map((r) => r.server)).toEqual(['hub']);
    expect(await leftovers()).toEqual([]);
  });

  it('a write that fails with ENOSPC (the partial file is /dev/full) removes the partial and says the disk is full', async () => {
    const dest = join(modelsDir, 'tiny-q8_0.gguf');
    await mkdir(partialPaths(dest).dir, { recursive: true });
    await symlink('/dev/full', partialPaths(dest).part);
    await recordPartial(partialPaths(dest), sha256);
    hub.put(FILE_PATH, { bytes });
    const error = await failure(pullModel(entry(), options()));
    expect(error.reason).toBe('disk-full');
    expect(error.message).toBe('The disk filled up after 0.0 MB of tiny-q8_0.gguf; the partial file was removed.');
    expect(await leftovers()).toEqual([]);
  });

  it('refuses plain http to another machine without any request', async () => {
    let calls = 0;
    const spy: typeof fetch = () => {
      calls++;
      return Promise.reject(new Error('no network'));
    };
    const error = await failure(pullModel(entry({ url: 'http://example.com/a/b/resolve/main/tiny-q8_0.gguf' }), { modelsDir, fetch: spy, env: {} }));
    expect(error.reason).toBe('insecure-url');
    expect(calls).toBe(0);
    expect(await leftovers()).toEqual([]);
  });
});

describe('the shipped manifest', () => {
  it('every recommended model file is downloadable (the LoRA example has no GGUF to download)', async () => {
    const manifest = await loadManifest(DEFAULT_MANIFEST_PATH);
    for (const model of manifest.models) {
      const { downloadable, why } = downloadability(model);
      expect([model.name, downloadable]).toEqual([model.name, model.role !== 'adapter']);
      expect(why.length).toBeGreaterThan(10);
    }
  });
});
