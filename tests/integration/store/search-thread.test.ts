// The search worker thread (its own read-only connection) ranks BM25 exactly like the engine's own connection,
// and hybrid search falls back to in-process BM25 whenever the worker is not there.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { SearchThread } from '../../../electron/core/store/sqlite/search-thread.ts';
import { rankBm25 } from '../../../electron/core/store/sqlite/bm25-search.ts';
import { Searcher } from '../../../electron/core/search/searcher.ts';
import { SqliteSearchIndex, type SqliteSearchOptions } from '../../../electron/core/store/sqlite/sqlite-search-index.ts';
import { mulberry32 } from '../../../electron/core/random.ts';
import { chunksOf } from '../../helpers/chunks.ts';
import { HashingEmbedder } from '../../helpers/fake-embedder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
// The index outlives single tests (useTempDirs removes its folders after each), so the worker can open it.
let indexDir: string;
const WORDS = ['ledger', 'invoice', 'audit', 'payroll', 'budget', 'travel', 'policy', 'vendor', 'refund', 'tax', 'receipt', 'expense'];
const QUERIES = ['ledger invoice', 'audit payroll budget', 'travel refund policy', 'tax', 'vendor receipt expense ledger'];
const embedder = new HashingEmbedder(16);
let store: Store;
let folderIds: number[];

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'trove-search-thread-'));
  store = Store.open(join(indexDir, 'trove.db'));
  store.vectors.useFingerprint('e1', embedder.dimensions);
  folderIds = [store.folders.add('/a', 1).id, store.folders.add('/b', 1).id];
  const random = mulberry32(3);
  for (let doc = 0; doc < 80; doc++) {
    const texts = Array.from({ length: 4 }, () => Array.from({ length: 4 + Math.floor(random() * 12) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' '));
    const folderId = folderIds[doc % 2] as number;
    store.documents.writeIndexed(
      { folderId, path: `/${folderId}/d${doc}.md`, ext: doc % 3 === 0 ? 'txt' : 'md', format: 'text', size: 1, mtimeMs: 1, indexedAt: 1 },
      { chunks: chunksOf(...texts), chunkFingerprint: 'c', embedding: { vectors: await embedder.embedDocuments(texts), fingerprint: 'e1' } },
    );
  }
});

afterAll(async () => {
  store.dispose();
  await rm(indexDir, { recursive: true, force: true });
});

async function whenAvailable(thread: SearchThread): Promise<boolean> {
  for (let waited = 0; waited < 20_000; waited += 20) {
    if (thread.available()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

const searcher = (options: SqliteSearchOptions = {}) => new Searcher(new SqliteSearchIndex(store, options), { embedder, embeddingFingerprint: 'e1' });

describe('SearchThread', () => {
  it('ranks every query and filter exactly like the in-process ranking, with small and large budgets', async () => {
    const thread = new SearchThread(store.file);
    try {
      expect(await whenAvailable(thread)).toBe(true);
      for (const query of QUERIES) {
        for (const filter of [{}, { folderIds: [folderIds[1] as number] }, { types: ['txt'] }]) {
          for (const budget of [20, 100_000]) {
            expect(await thread.rank(query, 15, filter, budget)).toEqual(rankBm25(store.search, query, 15, filter, budget));
          }
        }
      }
    } finally {
      await thread.dispose();
    }
  });

  it('gives hybrid and vector search the same results as searching on one thread', async () => {
    const thread = new SearchThread(store.file);
    try {
      expect(await whenAvailable(thread)).toBe(true);
      const parallel = searcher({ searchThread: thread, parallelFromChunks: 0 });
      for (const query of QUERIES) {
        for (const mode of ['hybrid', 'vector'] as const) {
          for (const filter of [{}, { folderIds: [folderIds[0] as number] }, { types: ['txt'] }]) {
            expect(await parallel.search(query, { k: 10, mode, ...filter })).toEqual(await searcher().search(query, { k: 10, mode, ...filter }));
          }
        }
      }
    } finally {
      await thread.dispose();
    }
  });

  it('is only asked for by searches that use vectors, so BM25 alone never starts a worker', async () => {
    let asked = 0;
    const helper = {
      available: () => {
        asked += 1;
        return false;
      },
      rank: () => Promise.reject(new Error('not used')),
      scanCodes: () => Promise.reject(new Error('not used')),
    };
    const withHelper = searcher({ searchThread: helper, parallelFromChunks: 0 });
    await withHelper.search('ledger invoice', { mode: 'bm25', k: 5 });
    expect(asked).toBe(0);
    await withHelper.search('ledger invoice', { mode: 'vector', k: 5 });
    expect(asked).toBe(1);
    // Hybrid search asks for each half: BM25 (which may run on the worker) and the vector first pass.
    await withHelper.search('ledger invoice', { mode: 'hybrid', k: 5 });
    expect(asked).toBe(3);
  });

  it('falls back to in-process BM25 when the worker cannot open the index, and stops restarting it', async () => {
    const broken = new SearchThread(join(await tempDir(), 'missing.db'));
    try {
      const hybrid = searcher({ searchThread: broken, parallelFromChunks: 0 });
      for (let attempt = 0; attempt < 10; attempt++) {
        expect(await hybrid.search('ledger invoice', { k: 10 })).toEqual(await searcher().search('ledger invoice', { k: 10 }));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(broken.available()).toBe(false);
      await expect(broken.rank('ledger', 5, {}, 100)).rejects.toThrow(/not ready/);
    } finally {
      await broken.dispose();
    }
  });

  it('rejects requests after dispose instead of leaving them waiting', async () => {
    const thread = new SearchThread(store.file);
    expect(await whenAvailable(thread)).toBe(true);
    // Disposed before the worker could answer (no turn of the event loop in between): rejected, never left hanging.
    const pending = expect(thread.rank('ledger', 5, {}, 100)).rejects.toThrow(/search worker was stopped/);
    await thread.dispose();
    await pending;
    await expect(thread.rank('ledger', 5, {}, 100)).rejects.toThrow(/not ready/);
  });
});
