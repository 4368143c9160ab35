import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../electron/core/answer/ports.ts';
import { ModelError } from '../../electron/core/errors.ts';
import { LlamaGenerator } from '../../electron/core/models/llama-generator.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';

const QUESTION: ChatMessage[] = [{ role: 'user', text: 'Once upon a time, the cat' }];

let models: TestModelPaths;
let generator: LlamaGenerator;
beforeAll(async () => {
  models = await ensureTestModels();
  await getLlamaRuntime({ threads: 1 });
  generator = await LlamaGenerator.load(models.model, { contextSize: 128 });
});
afterAll(async () => {
  await generator?.dispose();
  await disposeLlamaRuntime();
});

const answer = async () => (await generator.generate(QUESTION, { maxTokens: 12, temperature: 0 })).text;

describe('LoRA adapters on a loaded generator', () => {
  it('changes the greedy answer with the adapter, not at scale 0, without reloading the base model', async () => {
    const weights = generator.baseModel;
    const base = await answer();
    await generator.setAdapters([{ path: models.lora, scale: 1 }]);
    const adapted = await answer();
    expect(adapted).not.toBe(base);
    expect(generator.adapters).toEqual([{ path: models.lora, scale: 1 }]);
    await generator.setAdapters([{ path: models.lora, scale: 0 }]);
    expect(await answer()).toBe(base);
    await generator.setAdapters([]);
    expect(await answer()).toBe(base);
    expect(generator.baseModel).toBe(weights);
    expect(weights.disposed).toBe(false);
  });

  it('rejects an adapter for another base shape, naming both files, and keeps the previous adapters', async () => {
    await generator.setAdapters([{ path: models.lora }]);
    const adapted = await answer();
    const error = await generator.setAdapters([{ path: models.loraMismatch }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'ADAPTER_MISMATCH', modelPath: models.loraMismatch });
    expect((error as Error).message).toBe(
      'LoRA adapter tiny-llama-lora-mismatch.gguf does not fit model tiny-llama.gguf: blk.0.attn_q.weight is [64, 64] in the model but the adapter expects [96, 96].',
    );
    expect(generator.adapters).toEqual([{ path: models.lora, scale: 1 }]);
    expect(await answer()).toBe(adapted);
    await generator.setAdapters([]);
  });

  it('fails to load with a mismatched adapter instead of crashing, and refuses a model as adapter', async () => {
    await expect(LlamaGenerator.load(models.model, { contextSize: 128, adapters: [{ path: models.loraMismatch }] })).rejects.toMatchObject({ code: 'ADAPTER_MISMATCH' });
    await expect(generator.setAdapters([{ path: models.model }])).rejects.toMatchObject({ code: 'MODEL_INVALID' });
  });
});
