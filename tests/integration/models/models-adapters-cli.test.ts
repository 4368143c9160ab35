/** `trove models adapters`: the adapter library in the terminal, over the model zoo's generated adapters. */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
import { ensureTestZoo, zooPath, type TestZoo } from '../../../scripts/generate-model-zoo.ts';

interface AdapterJson {
  fileName: string;
  origin: string;
  baseArchitecture: string;
  rank: number;
  alpha: number;
  fit: { fits: boolean; problem?: string };
}
interface LibraryJson {
  adapters: AdapterJson[];
  problems: { path: string; code: string; message: string; chosen: boolean }[];
}

let zoo: TestZoo;
let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  zoo = await ensureTestZoo();
  dir = await mkdtemp(join(tmpdir(), 'trove-adapters-cli-'));
  await mkdir(join(dir, 'models'));
  await copyFile(zooPath(zoo, 'qwen2.5-0.5b-instruct-lora'), join(dir, 'models', 'qwen-style.gguf'));
  await copyFile(zooPath(zoo, 'llama-3.2-1b-instruct-lora'), join(dir, 'models', 'llama-style.gguf'));
  await writeFile(join(dir, 'models', 'broken.gguf'), Buffer.from('GGUF not really'));
  env = { TROVE_MODELS_DIR: join(dir, 'models'), TROVE_DATA_DIR: join(dir, 'data') };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('trove models adapters', () => {
  it('shows each adapter with base architecture, rank, alpha and its fit with the chat model, and the damaged file as a problem', async () => {
    const { code, stdout, stderr } = await runCli(['models', 'adapters', '--model', zooPath(zoo, 'qwen2.5-0.5b-instruct')], env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`LoRA adapters (checked against ${zooPath(zoo, 'qwen2.5-0.5b-instruct')}):`);
    expect(stdout).toMatch(/^ {2}llama-style\.gguf {2}\(llama, rank 8, alpha 16, 27\.8 kB, env\) {2}\[for llama, not qwen2\] {2}\//m);
    expect(stdout).toMatch(/^ {2}qwen-style\.gguf {2}\(qwen2, rank 8, alpha 16, 27\.8 kB, env\) {2}\[fits qwen2\.5-0\.5b-instruct\.tiny\.F16\.gguf\] {2}\//m);
    expect(stdout).toMatch(/^Problems:\n {2}MODEL_INVALID: GGUF file broken\.gguf is too small to be a GGUF file \(15 bytes\)\.$/m);
  });

  it('adds a file outside the models folders (remembered), refuses a chat model in one line, and removes it again', async () => {
    const outside = join(dir, 'elsewhere.gguf');
    await copyFile(zooPath(zoo, 'qwen2.5-0.5b-instruct-lora'), outside);

    const refused = await runCli(['models', 'adapters', '--add', zooPath(zoo, 'qwen2.5-0.5b-instruct')], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^trove: qwen2\.5-0\.5b-instruct\.tiny\.F16\.gguf is a chat model, not a LoRA adapter \(general\.type is not "adapter"\)\.\n/);
    expect(refused.stdout).toBe('');

    expect((await runCli(['models', 'adapters', '--add', outside], env)).code).toBe(0);
    const listed = await runCli(['models', 'adapters', '--json'], env);
    expect(listed.code).toBe(0);
    const library = JSON.parse(listed.stdout) as LibraryJson;
    expect(library.adapters.find((a) => a.fileName === 'elsewhere.gguf')).toMatchObject({ origin: 'added', baseArchitecture: 'qwen2', rank: 8, alpha: 16 });
    // No chat model chosen in this data directory.
    expect(library.adapters.every((a) => !a.fit.fits && a.fit.problem === 'no chat model is chosen')).toBe(true);
    expect(library.problems.map((p) => [p.code, p.chosen])).toEqual([['MODEL_INVALID', false]]);

    const removed = await runCli(['models', 'adapters', '--remove', outside, '--json'], env);
    expect(removed.code).toBe(0);
    expect((JSON.parse(removed.stdout) as LibraryJson).adapters.map((a) => a.fileName).sort()).toEqual(['llama-style.gguf', 'qwen-style.gguf']);
    const again = await runCli(['models', 'adapters', '--remove', outside], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not in the adapter library's list of added files\./);
  });
});
