import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../electron/core/errors.ts';
import { LlamaReranker } from '../../electron/core/models/llama-reranker.ts';
import { rerankHits } from '../../electron/core/search/rerank.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

// The ranking stage on real node-llama-cpp: the generated tiny reranker (scripts/gguf/tiny-reranker.ts, a
// qwen3-architecture model with a `cls.output.weight` head and rank pooling) is loaded through
// LlamaReranker → native/llama/ranking.ts. Its weights are random, so the tests check the mechanics (one finite
// 0–1 score per document, deterministic, input-dependent, disposal), never relevance. Non-rerankers and
// damaged files are refused with ModelError. tests/model/eval-e2e.test.ts runs `hybrid+rerank` with it.
const QUERY = 'when are travel expense receipts due';
const DOCUMENTS = [
  'Receipts for travel expenses are due within thirty days.',
  'Staff get twenty days of paid leave each year.',
  'The glacier survey recorded glacier conditions.',
  'Once upon a time, the cat sat in the sun.',
];

const tempDir = useTempDirs();
let models: TestModelPaths;
let reranker: LlamaReranker;
beforeAll(async () => {
  models = await ensureTestModels();
  await getLlamaRuntime({ threads: 1 });
  reranker = await LlamaReranker.load(models.reranker, { threads: 1, contextSize: 256 });
});
afterAll(async () => {
  await reranker?.dispose();
  await disposeLlamaRuntime();
});

async function loadError(path: string): Promise<unknown> {
  return LlamaReranker.load(path, { threads: 1 }).then(
    async (loaded) => {
      await loaded.dispose();
      return undefined;
    },
    (e: unknown) => e,
  );
}

describe('LlamaReranker on the generated reranker', () => {
  it('loads it and names it by file', () => {
    expect(reranker.modelId).toBe('tiny-reranker.gguf');
  });

  it('returns one finite probability-like score per document', async () => {
    const scores = await reranker.rank(QUERY, DOCUMENTS);
    expect(scores).toHaveLength(DOCUMENTS.length);
    for (const score of scores) {
      expect(Number.isFinite(score)).toBe(true);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(1);
    }
    expect(await reranker.rank(QUERY, [])).toEqual([]);
  });

  it('scores deterministically: across calls, batches and document order', async () => {
    const scores = await reranker.rank(QUERY, DOCUMENTS);
    expect(await reranker.rank(QUERY, DOCUMENTS)).toEqual(scores);
    expect(await reranker.rank(QUERY, [...DOCUMENTS].reverse())).toEqual([...scores].reverse());
    expect(await reranker.rank(QUERY, [DOCUMENTS[2] ?? ''])).toEqual([scores[2]]);
  });

  it('gives different documents, and different queries, different scores', async () => {
    const scores = await reranker.rank(QUERY, DOCUMENTS);
    expect(new Set(scores).size).toBe(DOCUMENTS.length);
    // The same document twice scores the same; another query changes the scores.
    const [a, b] = await reranker.rank(QUERY, [DOCUMENTS[0] ?? '', DOCUMENTS[0] ?? '']);
    expect(a).toBe(b);
    expect(await reranker.rank('how many days of paid leave', DOCUMENTS)).not.toEqual(scores);
  });

  it('reorders first-stage hits into a permutation sorted by its scores', async () => {
    const hits = DOCUMENTS.map((text, i) => ({ id: `d${i}`, text, score: 1 - i / 10 }));
    const reranked = await rerankHits(reranker, QUERY, hits);
    expect(reranked.map((hit) => hit.id).sort()).toEqual(hits.map((hit) => hit.id));
    const scores = await reranker.rank(QUERY, DOCUMENTS);
    expect(reranked.map((hit) => hit.score)).toEqual([...scores].sort((x, y) => y - x));
  });

  it('disposes, after which it refuses to rank, and the file loads again', async () => {
    const other = await LlamaReranker.load(models.reranker, { threads: 1, contextSize: 128 });
    const before = await other.rank(QUERY, DOCUMENTS);
    await other.dispose();
    await expect(other.rank(QUERY, DOCUMENTS)).rejects.toThrow();
    const again = await LlamaReranker.load(models.reranker, { threads: 1, contextSize: 128 });
    try {
      expect(await again.rank(QUERY, DOCUMENTS)).toEqual(before);
    } finally {
      await again.dispose();
    }
  });
});

describe('LlamaReranker refusals', () => {
  it('refuses a model without a classification head with MODEL_INVALID naming the file', async () => {
    const error = await loadError(models.model);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'MODEL_INVALID', modelPath: models.model });
    expect((error as Error).message).toBe('Model tiny-llama.gguf is not a reranker (it has no classification head).');
  });

  it('refuses a truncated reranker file with MODEL_INVALID saying it is truncated', async () => {
    const bytes = await readFile(models.reranker);
    const path = join(await tempDir(), 'tiny-reranker-truncated.gguf');
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const error = await loadError(path);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'MODEL_INVALID', modelPath: path });
    expect((error as Error).message).toMatch(/^Model file tiny-reranker-truncated\.gguf is truncated \(\d+ bytes, expected at least \d+\)/);
  });

  it('refuses a missing file with MODEL_NOT_FOUND', async () => {
    const path = join(await tempDir(), 'absent.gguf');
    expect(await loadError(path)).toMatchObject({ code: 'MODEL_NOT_FOUND', modelPath: path });
  });

  it('keeps ranking with the loaded reranker after the refusals', async () => {
    expect(await reranker.rank(QUERY, DOCUMENTS)).toHaveLength(DOCUMENTS.length);
  });
});
