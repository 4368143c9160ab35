import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../electron/core/errors.ts';
import { LlamaEmbedder } from '../../electron/core/models/llama-embedder.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';
import { ensureFile } from '../../scripts/gguf/ensure-file.ts';
import { buildTinyLlama } from '../../scripts/gguf/tiny-llama.ts';
import { serializeGguf } from '../../scripts/gguf/writer.ts';

const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

let models: TestModelPaths;
let embedder: LlamaEmbedder;

beforeAll(async () => {
  models = await ensureTestModels();
  await getLlamaRuntime({ threads: 1 });
  embedder = await LlamaEmbedder.load(models.model, { threads: 1 });
});
afterAll(async () => {
  await embedder?.dispose();
  await disposeLlamaRuntime();
});

describe('LlamaEmbedder', () => {
  it('identifies the model by file name, size and sha256 prefix', async () => {
    const bytes = await readFile(models.model);
    const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    expect(embedder.modelId).toBe(`tiny-llama.gguf:${bytes.length}:${sha}`);
    expect(embedder.dimensions).toBe(64);
  });

  it('returns L2-normalised Float32Arrays of the model dimension', async () => {
    const v = await embedder.embedQuery('where are my tax documents?');
    expect(v).toBeInstanceOf(Float32Array);
    expect(v.length).toBe(64);
    expect(norm(v)).toBeCloseTo(1, 5);
    expect(v.every(Number.isFinite)).toBe(true);
  });

  it('is deterministic across calls', async () => {
    const a = await embedder.embedQuery('the cat sat on the mat');
    const b = await embedder.embedQuery('the cat sat on the mat');
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('gives different texts different vectors', async () => {
    const [a, b] = await embedder.embedDocuments(['the cat sat on the mat', 'quarterly revenue grew 4%']);
    expect(Array.from(a!)).not.toEqual(Array.from(b!));
  });

  it('embeds a batch exactly as one-by-one', async () => {
    const texts = ['first note', 'second, longer note about the water tree', '日本語のテキスト', ''];
    const batch = await embedder.embedDocuments(texts);
    expect(batch).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      expect(Array.from(batch[i]!)).toEqual(Array.from(await embedder.embedQuery(text)));
    }
    expect(norm(batch[3]!)).toBeCloseTo(1, 5); // empty text still gets a unit vector
    expect(await embedder.embedDocuments([])).toEqual([]);
  });

  it('truncates inputs longer than the context instead of failing', async () => {
    const v = await embedder.embedQuery('the file '.repeat(2000));
    expect(norm(v)).toBeCloseTo(1, 5);
  });

  it('applies query/document prefixes', async () => {
    const prefixed = await LlamaEmbedder.load(models.model, { threads: 1, prefixes: { query: 'search: ', document: 'doc: ' } });
    try {
      expect(Array.from(await prefixed.embedQuery('cats'))).toEqual(Array.from(await embedder.embedQuery('search: cats')));
      const [d] = await prefixed.embedDocuments(['cats']);
      expect(Array.from(d!)).toEqual(Array.from(await embedder.embedQuery('doc: cats')));
    } finally {
      await prefixed.dispose();
    }
  });

  it('works with an embedding-oriented variant (mean pooling, bidirectional attention)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trove-embed-variant-'));
    try {
      const path = join(dir, 'tiny-embed.gguf');
      await ensureFile(path, serializeGguf(buildTinyLlama({ nEmbd: 32, nHead: 2, poolingType: 'mean', causalAttention: false, seed: 3 })));
      const e = await LlamaEmbedder.load(path, { threads: 1, contextSize: 128 });
      try {
        expect(e.dimensions).toBe(32);
        const [a, b] = await e.embedDocuments(['alpha beta', 'gamma delta']);
        expect(a!.length).toBe(32);
        expect(norm(a!)).toBeCloseTo(1, 5);
        expect(Array.from(a!)).not.toEqual(Array.from(b!));
      } finally {
        await e.dispose();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('throws a ModelError for a missing model and refuses use after dispose', async () => {
    await expect(LlamaEmbedder.load(join(tmpdir(), 'no-such-model.gguf'))).rejects.toBeInstanceOf(ModelError);
    await expect(LlamaEmbedder.load(join(tmpdir(), 'no-such-model.gguf'))).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    const e = await LlamaEmbedder.load(models.model, { threads: 1, contextSize: 64 });
    await e.dispose();
    await e.dispose(); // idempotent
    await expect(e.embedQuery('x')).rejects.toThrow(/disposed/);
  });
});
