// The embedding signal over a real index: the query's vector (the engine's embedder) against the passages'
// stored vectors, with the threshold stored under the embedding fingerprint. The embedder is the deterministic
// bag-of-words fake at the Embedder port (tests/helpers/fake-embedder.ts); the store, vectors and engine are real.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { embeddingSimilarity } from '../../../electron/core/answer/relevance-evidence.ts';
import { DEFAULT_THRESHOLDS, storeThreshold } from '../../../electron/core/answer/relevance-thresholds.ts';
import { Engine } from '../../../electron/core/engine.ts';
import { extractReadFile } from '../../../electron/core/extract/index.ts';
import { SqliteSearchIndex } from '../../../electron/core/store/sqlite/sqlite-search-index.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { HashingEmbedder } from '../../helpers/fake-embedder.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let engine: Engine | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

const FILES: Record<string, string> = {
  'kitchen.md': 'The kitchen is cleaned every Friday.\n',
  'trains.md': 'Book train tickets through the travel portal.\n',
};
/** Shares only "the", "is" and "what" with the kitchen note: no content term at all. */
const QUESTION = 'What is the capital of Mongolia?';

async function indexedEngine(embedder: HashingEmbedder): Promise<{ engine: Engine; fingerprint: string }> {
  const folder = await tempDir();
  await writeFiles(folder, FILES);
  engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), embedder, extract: extractReadFile });
  await engine.index([folder]);
  const fingerprint = engine.status().embedding?.fingerprint;
  if (!fingerprint) throw new Error('no embedding fingerprint');
  return { engine, fingerprint };
}

const calibration = (threshold: number) => ({ threshold, precision: 1, recall: 1, wronglyDeclined: 0, examples: 1 });

describe('the embedding signal', () => {
  it('is the cosine of the query with each passage\'s stored vector, for vectors of the embedder\'s fingerprint only', async () => {
    const embedder = new HashingEmbedder(64);
    const { engine: e, fingerprint } = await indexedEngine(embedder);
    const hits = (await e.search(QUESTION, { mode: 'vector', k: 2 })).results;
    expect(hits).toHaveLength(2);
    const similarity = embeddingSimilarity({ embedder, fingerprint }, new SqliteSearchIndex(e.store));
    const cosines = await similarity.similarities(QUESTION, hits);
    // Vector search scores are exact cosines against the same stored vectors.
    cosines.forEach((cosine, i) => expect(cosine).toBeCloseTo(hits[i]?.score as number, 6));
    expect(cosines[0]).toBeGreaterThan(0);
    const other = embeddingSimilarity({ embedder, fingerprint: 'another-model' }, new SqliteSearchIndex(e.store));
    expect(await other.similarities(QUESTION, hits)).toEqual([undefined, undefined]);
  });

  it('rescues a passage no word of the question is in only when the cosine reaches the threshold stored for this model', async () => {
    const { engine: e, fingerprint } = await indexedEngine(new HashingEmbedder(64));
    const kitchen = (await e.search(QUESTION, { mode: 'vector', k: 1 })).results[0];
    expect(kitchen?.path).toMatch(/kitchen\.md$/);
    const cosine = kitchen?.score as number;
    expect(cosine).toBeLessThan(DEFAULT_THRESHOLDS.embedding);
    // The default threshold: declined (no content term, cosine below 0.8).
    expect((await e.ask(QUESTION, { mode: 'hybrid' })).kind).toBe('abstained');
    // A threshold calibrated for this fingerprint just below the cosine: kept, and cited.
    storeThreshold(e.store.meta, 'embedding', fingerprint, calibration(cosine - 0.01), 1);
    const rescued = await e.ask(QUESTION, { mode: 'hybrid' });
    expect(rescued.kind).toBe('extractive');
    expect(rescued.citations[0]?.path).toMatch(/kitchen\.md$/);
    // Just above it: declined again.
    storeThreshold(e.store.meta, 'embedding', fingerprint, calibration(cosine + 0.01), 1);
    expect((await e.ask(QUESTION, { mode: 'hybrid' })).kind).toBe('abstained');
    // A calibration for another model does not apply.
    storeThreshold(e.store.meta, 'embedding', 'another-model', calibration(0), 1);
    expect((await e.ask(QUESTION, { mode: 'hybrid' })).kind).toBe('abstained');
  });
});
