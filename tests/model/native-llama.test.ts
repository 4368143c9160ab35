import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../electron/core/errors.ts';
import { completeText, defaultThreadCount, disposeLlamaRuntime, getLlamaRuntime, loadModel } from '../../native/llama.ts';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';

const STORIES = '/work/shared/models/stories260K.gguf';

let models: TestModelPaths;
let dir: string;
beforeAll(async () => {
  models = await ensureTestModels();
  dir = await mkdtemp(join(tmpdir(), 'trove-native-llama-'));
  await getLlamaRuntime({ threads: 1 });
});
afterAll(async () => {
  await disposeLlamaRuntime();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `load` and returns the ModelError it must throw. */
async function modelError(load: Promise<unknown>): Promise<ModelError> {
  const error = await load.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  const e = error as ModelError;
  // One line, fit for a status bar or a CLI error.
  expect(e.message).not.toContain('\n');
  return e;
}

describe('native/llama runtime', () => {
  it('is one lazy singleton with an explicit thread count', async () => {
    const a = await getLlamaRuntime();
    const b = await getLlamaRuntime({ threads: 3 }); // options of later calls are ignored
    expect(a).toBe(b);
    expect(a.backend).toBe('cpu');
    expect(a.threads).toBe(1);
    expect(defaultThreadCount()).toBeGreaterThanOrEqual(1);
    expect(defaultThreadCount()).toBeLessThanOrEqual(4);
  });

  it('reports a missing file as MODEL_NOT_FOUND naming the path', async () => {
    const path = join(dir, 'nope.gguf');
    const e = await modelError(loadModel(path));
    expect(e.code).toBe('MODEL_NOT_FOUND');
    expect(e.modelPath).toBe(path);
    expect(e.message).toContain(path);
  });

  it('reports a non-GGUF file as MODEL_INVALID', async () => {
    const path = join(dir, 'notes.gguf');
    await writeFile(path, 'These are my notes, not a model. '.repeat(10));
    const e = await modelError(loadModel(path));
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toContain('notes.gguf');
    expect(e.message).toMatch(/not a GGUF file/);
  });

  it('reports a tiny or directory path as MODEL_INVALID', async () => {
    const tiny = join(dir, 'tiny.gguf');
    await writeFile(tiny, 'GGUF');
    expect((await modelError(loadModel(tiny))).code).toBe('MODEL_INVALID');
    expect((await modelError(loadModel(dir))).code).toBe('MODEL_INVALID');
  });

  it('reports a GGUF truncated in its tensor data as MODEL_INVALID (truncated)', async () => {
    const bytes = await readFile(models.model);
    const path = join(dir, 'cut-data.gguf');
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    const e = await modelError(loadModel(path));
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toMatch(/cut-data\.gguf is truncated/);
  });

  it('reports a GGUF truncated in its header as MODEL_INVALID', async () => {
    const bytes = await readFile(models.model);
    const path = join(dir, 'cut-header.gguf');
    await writeFile(path, bytes.subarray(0, 2000));
    const e = await modelError(loadModel(path));
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toContain('cut-header.gguf');
  });

  it('reports an unsupported version or impossible header counts as MODEL_INVALID', async () => {
    const header = (version: number, tensors: bigint): Buffer => {
      const b = Buffer.alloc(64);
      b.write('GGUF', 0, 'latin1');
      b.writeUInt32LE(version, 4);
      b.writeBigUInt64LE(tensors, 8);
      return b;
    };
    const v1 = join(dir, 'v1.gguf');
    await writeFile(v1, header(1, 0n));
    expect((await modelError(loadModel(v1))).message).toMatch(/unsupported GGUF version 1/);
    const huge = join(dir, 'huge.gguf');
    await writeFile(huge, header(3, 2n ** 62n));
    expect((await modelError(loadModel(huge))).code).toBe('MODEL_INVALID');
  });

  it('refuses a LoRA adapter passed as a model', async () => {
    const e = await modelError(loadModel(models.lora));
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toMatch(/is a LoRA adapter/);
  });

  it('still loads a good model after all those failures', async () => {
    const model = await loadModel(models.model);
    expect(model.embeddingVectorSize).toBe(64);
    await model.dispose();
  });

  it.skipIf(!existsSync(STORIES))('smoke: continues a story with the real stories260K model', async () => {
    const runtime = await getLlamaRuntime();
    const model = await runtime.loadModel(STORIES);
    const context = await runtime.createContext(model, { contextSize: 128 });
    try {
      const text = await completeText(context, 'Once upon a time', { maxTokens: 12 });
      // The trained model writes English; a random one would not produce spaces between words this reliably.
      expect(text.trim().split(/\s+/).length).toBeGreaterThanOrEqual(3);
    } finally {
      await context.dispose();
      await model.dispose();
    }
  });
});
