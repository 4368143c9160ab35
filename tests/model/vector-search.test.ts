// Vector and hybrid search through the whole engine with embeddings from the generated tiny GGUF model:
// real node-llama-cpp, real SQLite + sqlite-vec, real files.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/core/engine.ts';
import { LlamaEmbedder } from '../../electron/core/models/llama-embedder.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { ensureTestModels } from '../../scripts/generate-test-models.ts';
import { HashingEmbedder } from '../helpers/fake-embedder.ts';
import { runCli } from '../helpers/run-cli.ts';
import { SAMPLE_FILES, writeFiles } from '../helpers/sample-folder.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let modelPath: string;
let embedder: LlamaEmbedder;

beforeAll(async () => {
  modelPath = (await ensureTestModels()).model;
  embedder = await LlamaEmbedder.load(modelPath, { threads: 1 });
});
afterAll(async () => embedder?.dispose());

async function indexedEngine(): Promise<{ engine: Engine; folder: string; store: Store }> {
  const folder = await tempDir();
  await writeFiles(folder, SAMPLE_FILES);
  const store = Store.open(join(await tempDir(), 'trove.db'));
  // The embedder is shared across tests, so the engine must not dispose it: dispose the store only.
  const engine = new Engine({ store, embedder });
  await engine.index([folder]);
  return { engine, folder, store };
}

describe('vector search with the generated tiny model', () => {
  it('stores one vector of the model dimension per chunk and finds a chunk by its own text', async () => {
    const { engine, store } = await indexedEngine();
    const { counts, embedding } = engine.status();
    expect(counts.vectors).toBe(counts.chunks);
    expect(embedding).toMatchObject({ model: embedder.modelId, dimensions: embedder.dimensions });
    expect(store.vectors.dimensions).toBe(64);

    // A chunk's exact text embeds to the same vector as stored (cosine 1), so it must rank first.
    const probe = (await engine.search('Osaka', { mode: 'bm25', k: 1 })).results[0];
    expect(probe).toBeDefined();
    const { results, mode } = await engine.search(probe!.text, { mode: 'vector', k: 3 });
    expect(mode).toBe('vector');
    expect(results[0]?.chunkId).toBe(probe!.chunkId);
    expect(results[0]?.score).toBeCloseTo(1, 4);
    store.dispose();
  });

  it('hybrid search fuses both rankings and is deterministic', async () => {
    const { engine, folder, store } = await indexedEngine();
    const first = await engine.search('vacation days carry over', { mode: 'hybrid', k: 5 });
    const second = await engine.search('vacation days carry over', { mode: 'hybrid', k: 5 });
    expect(first.mode).toBe('hybrid');
    expect(first.results.map((r) => r.chunkId)).toEqual(second.results.map((r) => r.chunkId));
    expect(first.results.map((r) => r.path)).toContain(join(folder, 'handbook/vacation.md'));
    store.dispose();
  });

  it('a different embedding model drops the old vectors and re-embeds without re-extracting', async () => {
    const { folder, store } = await indexedEngine();
    const other = new HashingEmbedder(16, 'other-model');
    const engine = new Engine({ store, embedder: other });
    // Searching with another model does not touch the vectors; it falls back to BM25 and says why.
    const before = store.counts().vectors;
    const response = await engine.search('vacation', { mode: 'hybrid' });
    expect(response.mode).toBe('bm25');
    expect(response.notices.join(' ')).toMatch(/no vectors for this embedding model/);
    expect(store.counts().vectors).toBe(before);
    const [summary] = await engine.index([folder]);
    expect(summary).toMatchObject({ indexed: 0, unchanged: 8 });
    expect(store.counts()).toMatchObject({ staleVectors: 0, vectors: store.counts().chunks });
    expect(store.vectors.dimensions).toBe(16);
    store.dispose();
  });
});

describe('trove CLI with --embed-model', () => {
  it('indexes with the model, remembers it, and searches by vector', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, SAMPLE_FILES);
    const indexed = await runCli(['index', folder, '--embed-model', modelPath, '--threads', '1', '--data-dir', dataDir]);
    expect(indexed.stderr).not.toContain('no embedding model');
    expect(indexed.code).toBe(0);
    const status = JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir])).stdout);
    expect(status.embedding.dimensions).toBe(64);
    expect(status.counts.vectors).toBe(status.counts.chunks);
    const search = await runCli(['search', 'budget spreadsheet', '--mode', 'vector', '--json', '--threads', '1', '--data-dir', dataDir]);
    expect(search.code).toBe(0);
    const body = JSON.parse(search.stdout);
    expect(body.mode).toBe('vector');
    expect(body.results.length).toBeGreaterThan(0);
  });

  it('names the file when the embedding model is not a GGUF model', async () => {
    const dir = await tempDir();
    const bogus = join(dir, 'not-a-model.gguf');
    await writeFiles(dir, { 'not-a-model.gguf': 'plain text, not GGUF' });
    const result = await runCli(['index', dir, '--embed-model', bogus, '--data-dir', await tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not-a-model.gguf');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
