import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../electron/core/errors.ts';
import { LlamaReranker } from '../../electron/core/models/llama-reranker.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';

// node-llama-cpp ranks only with models that carry a classification head (cls.weight / cls.output.weight);
// the generated llama has none and llama.cpp's llama architecture loads none, so the ranking stage itself is
// tested with a fake Ranker port (tests/unit/answer/answerer.test.ts). Here: a non-reranker is refused cleanly.
let models: TestModelPaths;
beforeAll(async () => {
  models = await ensureTestModels();
  await getLlamaRuntime({ threads: 1 });
});
afterAll(async () => {
  await disposeLlamaRuntime();
});

describe('LlamaReranker', () => {
  it('refuses a model without a classification head with MODEL_INVALID naming the file', async () => {
    const error = await LlamaReranker.load(models.model, { threads: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'MODEL_INVALID', modelPath: models.model });
    expect((error as Error).message).toBe('Model tiny-llama.gguf is not a reranker (it has no classification head).');
  });
});
