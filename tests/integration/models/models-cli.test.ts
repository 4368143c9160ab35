import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/data-dir.ts';
import { CHAT_MODEL_KEY } from '../../../electron/core/models/llama-generator-open.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { HUB_COMMIT, startHubEmulator, type HubEmulator } from '../../helpers/hub-emulator.ts';
import { BIN, runCli } from '../../helpers/run-cli.ts';
import { ensureTestModels, type TestModelPaths } from '../../../scripts/generate-test-models.ts';
import { startModelServer, type ModelServer } from './model-server.ts';

let models: TestModelPaths;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  models = await ensureTestModels();
  dir = await mkdtemp(join(tmpdir(), 'trove-models-cli-'));
  await mkdir(join(dir, 'mine'));
  await copyFile(models.model, join(dir, 'mine', 'tiny-llama.gguf'));
  await copyFile(models.lora, join(dir, 'mine', 'tiny-llama-lora.gguf'));
  env = { TROVE_MODELS_DIR: join(dir, 'mine'), TROVE_DATA_DIR: join(dir, 'data'), TROVE_MODEL_MANIFEST: '' };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('trove models', () => {
  it('list --json shows installed models with roles and the shipped recommendations', async () => {
    const { code, stdout, stderr } = await runCli(['models', 'list', '--json'], env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      installed: { fileName: string; role: string; origin: string }[];
      recommended: { name: string; role: string; sha256: string | null; installedPath?: string; downloadable: boolean; downloadableWhy: string }[];
    };
    const mine = out.installed.filter((m) => m.origin === 'env').map((m) => [m.fileName, m.role]);
    expect(mine).toEqual([
      ['tiny-llama-lora.gguf', 'adapter'],
      ['tiny-llama.gguf', 'chat'],
    ]);
    const shipped = JSON.parse(await readFile(new URL('../../../models/manifest.json', import.meta.url), 'utf8')) as { models: { name: string }[] };
    expect(out.recommended.map((r) => r.name)).toEqual(shipped.models.map((m) => m.name));
    expect(new Set(out.recommended.map((r) => r.role))).toEqual(new Set(['chat', 'embedding', 'reranker', 'adapter']));
    // Every recommended model file can be pulled, verified with the hub's SHA-256 until one is pinned; the LoRA
    // example is published as safetensors only, and says so.
    for (const r of out.recommended.filter((m) => m.role !== 'adapter')) {
      expect([r.name, r.downloadable, r.downloadableWhy]).toEqual([r.name, true, expect.stringMatching(/^Verified against the SHA-256 /)]);
    }
    const adapter = out.recommended.find((m) => m.role === 'adapter');
    expect([adapter?.downloadable, adapter?.downloadableWhy]).toEqual([false, expect.stringMatching(/safetensors/)]);
  });

  it('inspect --json describes a LoRA adapter without loading it', async () => {
    const { code, stdout } = await runCli(['models', 'inspect', models.lora, '--json'], env);
    expect(code).toBe(0);
    const info = JSON.parse(stdout) as { role: string; adapter: { baseArchitecture: string; rank: number; alpha: number } };
    expect(info.role).toBe('adapter');
    expect(info.adapter).toMatchObject({ baseArchitecture: 'llama', rank: 4, alpha: 8 });
  });

  it('inspect of a file that is not a model fails with one actionable line', async () => {
    const notes = join(dir, 'notes.gguf');
    await writeFile(notes, 'meeting notes, definitely not a model '.repeat(5));
    const { code, stdout, stderr } = await runCli(['models', 'inspect', notes], env);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^trove: GGUF file notes\.gguf is not a GGUF file.*\n {2}Check that the file is the kind of model the option asks for/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  describe('pull from a local mirror', () => {
    let server: ModelServer;
    let manifest: string;
    let bytes: Buffer;
    beforeAll(async () => {
      bytes = await readFile(models.model);
      server = await startModelServer(new Map([['/tiny.gguf', bytes]]), { cutAfterBytes: 20_000 });
      manifest = join(dir, 'mirror.json');
      const entry = { role: 'chat', file: 'pulled-tiny.gguf', url: server.url('/tiny.gguf'), approxSizeBytes: bytes.length, license: 'MIT', description: 'test' };
      await writeFile(
        manifest,
        JSON.stringify({
          models: [
            { ...entry, name: 'tiny', sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
            { ...entry, name: 'tiny-unverified', sizeBytes: null, sha256: null },
          ],
        }),
      );
    });
    afterAll(async () => {
      await server.close();
    });

    it('downloads (resuming after a dropped connection), verifies and installs the model', async () => {
      const { code, stdout, stderr } = await runCli(['models', 'pull', 'tiny'], { ...env, TROVE_MODEL_MANIFEST: manifest });
      expect(stderr).toMatch(/tiny \[#+\] 100%/);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Installed tiny: .*pulled-tiny\.gguf \(verified with the SHA-256 pinned in the manifest\); now the chat model\n$/);
      const dest = join(dir, 'mine', 'pulled-tiny.gguf');
      expect((await readFile(dest)).equals(bytes)).toBe(true);
      expect(server.requests.map((r) => r.range)).toEqual([undefined, 'bytes=20000-']);
      expect(existsSync(join(dir, 'mine', '.partial'))).toBe(false);
      // It is the chat model now, as if chosen in the app.
      const store = Store.open(join(dir, 'data', DATABASE_FILE));
      try {
        expect(store.meta.get(CHAT_MODEL_KEY)).toBe(dest);
      } finally {
        store.dispose();
      }
    });

    it('refuses an entry without a checksum unless one is given', async () => {
      const { code, stderr } = await runCli(['models', 'pull', 'tiny-unverified', '--dir', join(dir, 'unverified')], { ...env, TROVE_MODEL_MANIFEST: manifest });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^trove: tiny-unverified has no SHA-256 to verify against: the manifest pins none and 127\.0\.0\.1:\d+ published none for the file\.\n {2}.*--sha256/);
      expect(existsSync(join(dir, 'unverified'))).toBe(false);
    });
  });

  describe('pull from the emulated hub (TROVE_MODEL_HUB_URL)', () => {
    let hub: HubEmulator;
    const QWEN = '/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf';
    beforeAll(async () => {
      hub = await startHubEmulator();
    });
    afterAll(async () => {
      await hub.close();
    });

    it('Ctrl-C cancels leaving a resumable partial; the next pull resumes and verifies with the hub SHA-256', async () => {
      const bytes = await readFile(models.model);
      hub.put(QWEN, { bytes, stallAfterBytes: 50_000 });
      const pullEnv = { ...env, TROVE_MODELS_DIR: join(dir, 'hub'), TROVE_MODEL_HUB_URL: hub.hubUrl };
      const part = join(dir, 'hub', '.partial', 'qwen2.5-0.5b-instruct-q4_k_m.gguf.part');
      const child = spawn(process.execPath, [BIN, 'models', 'pull', 'qwen2.5-0.5b-instruct', '--no-use'], { env: { ...process.env, TROVE_DEBUG: '', ...pullEnv } });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await vi.waitFor(async () => expect((await stat(part)).size).toBe(50_000), { timeout: 30_000, interval: 100 });
      child.kill('SIGINT');
      const code = await new Promise<number | null>((done) => child.once('exit', done));
      expect(code).toBe(130);
      expect(stderr).toContain(`trove: Using the model hub at ${hub.hubUrl} (TROVE_MODEL_HUB_URL).`);
      expect(stderr).toMatch(/trove: Downloading qwen2\.5-0\.5b-instruct-q4_k_m\.gguf was cancelled at 0\.1 MB; downloading again resumes from there\.\n {2}Download again/);
      expect((await stat(part)).size).toBe(50_000);

      const again = await runCli(['models', 'pull', 'qwen2.5-0.5b-instruct', '--no-use', '--json'], pullEnv);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ name: 'qwen2.5-0.5b-instruct', verifiedWith: 'hub', commit: HUB_COMMIT, alreadyPresent: false, selectedAs: null });
      expect(hub.requests.filter((r) => r.server === 'cdn').map((r) => r.range)).toEqual([undefined, 'bytes=50000-']);
      expect((await readFile(join(dir, 'hub', 'qwen2.5-0.5b-instruct-q4_k_m.gguf'))).equals(bytes)).toBe(true);
      expect(await readdir(join(dir, 'hub'))).toEqual(['qwen2.5-0.5b-instruct-q4_k_m.gguf']);
    });
  });
});
