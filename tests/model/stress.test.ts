/**
 * Models under stress, with the generated tiny model and real node-llama-cpp: a model file deleted while loaded,
 * absurd context sizes, and the process carrying on after each failure. (A failing GPU backend and the CPU
 * fallback are covered by backend.test.ts with a simulated loader.)
 */
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../electron/core/errors.ts';
import { LlamaEmbedder } from '../../electron/core/models/llama-embedder.ts';
import { LlamaGenerator } from '../../electron/core/models/llama-generator.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let models: TestModelPaths;
const ask = [{ role: 'user' as const, text: 'vacation days' }];

beforeAll(async () => {
  models = await ensureTestModels();
  await getLlamaRuntime({ threads: 1 });
});
afterAll(async () => disposeLlamaRuntime());

async function rejection(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

describe('models under stress', () => {
  it('a chat model deleted while loaded keeps answering; the next load says MODEL_NOT_FOUND', async () => {
    const path = join(await tempDir(), 'chat.gguf');
    await copyFile(models.model, path);
    const generator = await LlamaGenerator.load(path, { threads: 1, contextSize: 256 });
    const before = await generator.generate(ask, { maxTokens: 6, temperature: 0 });
    await rm(path);
    // The weights are already in memory (or mapped: the deleted file lives on until unmapped).
    const after = await generator.generate(ask, { maxTokens: 6, temperature: 0 });
    expect(after.text).toBe(before.text);
    await generator.dispose();
    const error = await rejection(LlamaGenerator.load(path, { threads: 1 }));
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.message).toContain(path);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('an embedding model deleted while loaded keeps embedding; reloading says MODEL_NOT_FOUND', async () => {
    const path = join(await tempDir(), 'embed.gguf');
    await copyFile(models.model, path);
    const embedder = await LlamaEmbedder.load(path, { threads: 1 });
    const before = await embedder.embedQuery('vacation days');
    await rm(path);
    expect(Array.from(await embedder.embedQuery('vacation days'))).toEqual(Array.from(before));
    await embedder.dispose();
    expect((await rejection(LlamaEmbedder.load(path, { threads: 1 }))).code).toBe('MODEL_NOT_FOUND');
  });

  it('an absurd context size is OUT_OF_MEMORY, and the process carries on', async () => {
    const contextSize = 2 ** 26;
    const error = await rejection(LlamaGenerator.load(models.model, { threads: 1, contextSize }));
    expect(error.code).toBe('OUT_OF_MEMORY');
    expect(error.message).toMatch(/not enough memory/);
    expect(error.message.split('\n')).toHaveLength(1);
    // The runtime is still healthy: a sensible request right after works.
    const generator = await LlamaGenerator.load(models.model, { threads: 1, contextSize: 256 });
    expect((await generator.generate(ask, { maxTokens: 4, temperature: 0 })).completionTokens).toBeGreaterThan(0);
    await generator.dispose();
  });

  it('an absurd embedding context is OUT_OF_MEMORY too', async () => {
    const error = await rejection(LlamaEmbedder.load(models.model, { threads: 1, contextSize: 2 ** 26 }));
    expect(error.code).toBe('OUT_OF_MEMORY');
  });
});
