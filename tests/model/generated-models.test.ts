import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../electron/core/errors.ts';
import { completeText, disposeLlamaRuntime, getLlamaRuntime, type LlamaModel, type LlamaRuntime, type LoraAdapterSpec } from '../../native/llama.ts';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';

const PROMPT = 'Once upon a time, the cat';

let models: TestModelPaths;
let runtime: LlamaRuntime;
let model: LlamaModel;

beforeAll(async () => {
  models = await ensureTestModels();
  runtime = await getLlamaRuntime({ threads: 1 });
  model = await runtime.loadModel(models.model);
});
afterAll(async () => {
  await model?.dispose();
  await disposeLlamaRuntime();
});

/** Greedy continuation, on a context of its own so adapters never leak between cases. */
async function continuation(lora?: readonly LoraAdapterSpec[]): Promise<string> {
  const context = await runtime.createContext(model, { contextSize: 128, ...(lora ? { lora } : {}) });
  try {
    return await completeText(context, PROMPT, { maxTokens: 12 });
  } finally {
    await context.dispose();
  }
}

describe('generated tiny llama', () => {
  it('loads as a llama model with the generated shape', () => {
    expect(model.fileInfo.metadata.general.architecture).toBe('llama');
    expect(model.embeddingVectorSize).toBe(64);
    expect(model.trainContextSize).toBe(512);
    expect(model.vocabularyType).toBe('spm');
    expect(model.tokens.bos).toBe(1);
    expect(model.tokens.eos).toBe(2);
  });

  it('tokenizes arbitrary text losslessly (pieces + byte fallback)', () => {
    const text = 'The notes said: naïve café — 日本語 🙂\n\ttabs, digits 42 and the end.';
    const tokens = model.tokenize(text);
    expect(model.detokenize(tokens)).toBe(text);
    // Known pieces merge ("the" plus SentencePiece's space prefix is the single piece "▁the"): more than bytes.
    expect(model.tokenize('the')).toHaveLength(1);
    expect(tokens.length).toBeLessThan(Buffer.byteLength(text));
  });

  it('generates deterministically with greedy decoding', async () => {
    const a = await continuation();
    expect(a.length).toBeGreaterThan(0);
    expect(await continuation()).toBe(a);
  });

  it('changes greedy output with the LoRA adapter at scale 1, not at scale 0', async () => {
    const base = await continuation();
    expect(await continuation([{ path: models.lora, scale: 1 }])).not.toBe(base);
    expect(await continuation([{ path: models.lora, scale: 0 }])).toBe(base);
  });

  it('rejects an adapter made for another base shape with ADAPTER_MISMATCH, and keeps working', async () => {
    const error = await continuation([{ path: models.loraMismatch }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('ADAPTER_MISMATCH');
    expect((error as ModelError).message).toMatch(/tiny-llama-lora-mismatch\.gguf .*incorrect shape/);
    expect((await continuation()).length).toBeGreaterThan(0);
  });

  it('refuses a model passed as an adapter', async () => {
    await expect(continuation([{ path: models.model }])).rejects.toMatchObject({ code: 'MODEL_INVALID' });
  });
});

describe('generated tiny reranker', () => {
  it('loads as a qwen3 model with a two-label classification head and rank pooling, small on disk', async () => {
    const reranker = await runtime.loadModel(models.reranker);
    try {
      const metadata = reranker.fileInfo.metadata as { general: { architecture: string }; qwen3?: { pooling_type?: number; classifier?: { output_labels?: string[] } } };
      expect(metadata.general.architecture).toBe('qwen3');
      expect(metadata.qwen3?.pooling_type).toBe(4); // LLAMA_POOLING_TYPE_RANK
      expect(metadata.qwen3?.classifier?.output_labels).toEqual(['yes', 'no']);
      expect(reranker.fileInsights.supportsRanking).toBe(true);
      expect(reranker.embeddingVectorSize).toBe(64);
      expect(reranker.tokens.eos).toBe(2);
      // Same vocabulary as the tiny llama.
      expect(reranker.tokenize('the cat')).toEqual(model.tokenize('the cat'));
    } finally {
      await reranker.dispose();
    }
    expect(model.fileInsights.supportsRanking).toBe(false);
    expect((await stat(models.reranker)).size).toBeLessThan(1024 * 1024);
  });
});

describe('ensureTestModels', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trove-test-models-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is safe to call concurrently and does not rewrite up-to-date files', async () => {
    const [a, b] = await Promise.all([ensureTestModels(dir), ensureTestModels(dir)]);
    expect(a).toEqual(b);
    const before = await stat(a.model);
    expect(before.size).toBe((await stat(models.model)).size);
    await ensureTestModels(dir);
    expect((await stat(a.model)).mtimeMs).toBe(before.mtimeMs);
    expect((await stat(a.reranker)).size).toBe((await stat(models.reranker)).size);
  });
});
