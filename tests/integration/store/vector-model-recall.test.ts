// Recall of the quantised vector path on real embeddings: the generated tiny GGUF model (64 dimensions, so
// only 64 bits per code: a harder case for 1-bit codes than the 384+ dimensions of real embedding models).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlamaEmbedder } from '../../../electron/core/models/llama-embedder.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { ensureTestModels } from '../../../scripts/generate-test-models.ts';
import { ZipfText } from '../../../scripts/bench/synthetic.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { recallAt } from './vector-recall.ts';

const tempDir = useTempDirs();
let embedder: LlamaEmbedder;

beforeAll(async () => {
  embedder = await LlamaEmbedder.load((await ensureTestModels()).model, { threads: 1 });
});
afterAll(async () => embedder?.dispose());

describe('quantised vector search on tiny-model embeddings', () => {
  it('finds at least 95% of the exact top 10', async () => {
    const store = Store.open(join(await tempDir(), 'trove.db'));
    const words = new ZipfText(600, 5);
    const texts = Array.from({ length: 2000 }, (_, i) => words.text(4 + (i % 20)));
    const vectors = await embedder.embedDocuments(texts);
    store.vectors.useFingerprint('tiny', embedder.dimensions);
    store.transaction(() => vectors.forEach((vector, i) => store.vectors.insert(i + 1, 1, vector)));
    const queries = await Promise.all(Array.from({ length: 40 }, () => embedder.embedQuery(words.text(6))));
    const recall = recallAt(store, queries, 10);
    console.log(`tiny-model recall@10: ${recall.toFixed(3)}`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    store.dispose();
  });
});
