import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
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
      recommended: { name: string; role: string; sha256: string | null; installedPath?: string }[];
    };
    const mine = out.installed.filter((m) => m.origin === 'env').map((m) => [m.fileName, m.role]);
    expect(mine).toEqual([
      ['tiny-llama-lora.gguf', 'adapter'],
      ['tiny-llama.gguf', 'chat'],
    ]);
    const shipped = JSON.parse(await readFile(new URL('../../../models/manifest.json', import.meta.url), 'utf8')) as { models: { name: string }[] };
    expect(out.recommended.map((r) => r.name)).toEqual(shipped.models.map((m) => m.name));
    expect(new Set(out.recommended.map((r) => r.role))).toEqual(new Set(['chat', 'embedding', 'reranker', 'adapter']));
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
      expect(stdout).toMatch(/Installed tiny: .*pulled-tiny\.gguf \(SHA-256 verified\)/);
      const dest = join(dir, 'mine', 'pulled-tiny.gguf');
      expect((await readFile(dest)).equals(bytes)).toBe(true);
      expect(server.requests.map((r) => r.range)).toEqual([undefined, 'bytes=20000-']);
      expect(existsSync(`${dest}.part`)).toBe(false);
    });

    it('refuses an entry without a checksum unless one is given', async () => {
      const { code, stderr } = await runCli(['models', 'pull', 'tiny-unverified', '--dir', join(dir, 'unverified')], { ...env, TROVE_MODEL_MANIFEST: manifest });
      expect(code).toBe(1);
      expect(stderr).toMatch(/no recorded SHA-256 .* --sha256/);
      expect(existsSync(join(dir, 'unverified'))).toBe(false);
    });
  });
});
