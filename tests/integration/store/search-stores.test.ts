// One suite, both stores: search through the storage ports (lexical, vector, passages) and document writes
// behave the same on SQLite and on PostgreSQL + pgvector (a private server, skipped where not installed).
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../electron/core/random.ts';
import { Searcher } from '../../../electron/core/search/searcher.ts';
import type { Chunk } from '../../../electron/core/types.ts';
import { chunksOf } from '../../helpers/chunks.ts';
import { HashingEmbedder } from '../../helpers/fake-embedder.ts';
import { STORE_KINDS, type OpenedStore } from '../../helpers/store-kinds.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const embedder = new HashingEmbedder(32);
const FINGERPRINT = 'hashing-32';

async function write(store: OpenedStore, folderId: number, path: string, chunks: Chunk[], options: { title?: string; embed?: boolean } = {}) {
  const ext = path.slice(path.lastIndexOf('.') + 1);
  const vectors = options.embed ? await embedder.embedDocuments(chunks.map((chunk) => chunk.text)) : undefined;
  await store.writer.writeDocument(
    { folderId, path, ext, format: ext === 'md' ? 'markdown' : 'text', size: 1, mtimeMs: 1, indexedAt: 1, title: options.title },
    { chunks, chunkFingerprint: 'c', embedding: vectors && { vectors, fingerprint: FINGERPRINT } },
  );
}

const paths = (response: { results: { path: string }[] }) => response.results.map((hit) => hit.path);

describe.each(STORE_KINDS)('search over the $name store', (kind) => {
  afterAll(() => kind.release());
  const open = async () => kind.open(tempDir);

  it.skipIf(kind.unavailable !== undefined)('finds a word written as the index writes it: joined, in the other spelling, in its long form', async () => {
    const store = await open();
    try {
      const folder = await store.addFolder('/docs');
      await write(store, folder, '/docs/backups.md', chunksOf('A backup of every app is kept on the remote server.'));
      await write(store, folder, '/docs/printing.md', chunksOf('Boxes are printed in a light color.'));
      await write(store, folder, '/docs/settings.md', chunksOf('The configuration file lives in the home folder.'));
      await write(store, folder, '/docs/other.md', chunksOf('Nothing to see in this unrelated note.'));
      const searcher = new Searcher(store.index);
      expect(paths(await searcher.search('back up', { mode: 'bm25' }))).toEqual(['/docs/backups.md']);
      expect(paths(await searcher.search('colour', { mode: 'bm25' }))).toEqual(['/docs/printing.md']);
      expect(paths(await searcher.search('config', { mode: 'bm25' }))).toEqual(['/docs/settings.md']);
      const statistics = await store.index.termFrequencies(['backup', 'color', 'colour']);
      expect(statistics).toEqual({ chunks: 4, documentFrequency: new Map([['backup', 1], ['color', 1], ['colour', 0]]) });
    } finally {
      await store.dispose();
    }
  });

  it.skipIf(kind.unavailable !== undefined)('matches the analyser\'s terms: stems, folded accents, CJK; stop words alone find nothing', async () => {
    const store = await open();
    try {
      const folder = await store.addFolder('/docs');
      await write(store, folder, '/docs/receipts.txt', chunksOf('Receipts go to finance within 30 days.'));
      await write(store, folder, '/docs/cafe.txt', chunksOf('The café on the corner serves crème brûlée.'));
      await write(store, folder, '/docs/tokyo.txt', chunksOf('東京都の会議は明日です。'));
      await write(store, folder, '/docs/other.txt', chunksOf('Nothing to see in this unrelated note.'));
      const searcher = new Searcher(store.index);
      expect(paths(await searcher.search('receipt', { mode: 'bm25' }))).toEqual(['/docs/receipts.txt']);
      expect(paths(await searcher.search('cafe creme', { mode: 'bm25' }))).toEqual(['/docs/cafe.txt']);
      expect(paths(await searcher.search('東京', { mode: 'bm25' }))).toEqual(['/docs/tokyo.txt']);
      const stopWords = await searcher.search('the and of', { mode: 'bm25' });
      expect(stopWords.results).toEqual([]);
      expect(stopWords.notices.length).toBe(1);
    } finally {
      await store.dispose();
    }
  });

  it.skipIf(kind.unavailable !== undefined)('ranks a rare term above a common one, finds title words, and filters by folder and type', async () => {
    const store = await open();
    try {
      const a = await store.addFolder('/a');
      const b = await store.addFolder('/b');
      for (let i = 0; i < 8; i++) await write(store, a, `/a/common-${i}.txt`, chunksOf(`the ledger entry number ${i} for the month`));
      await write(store, a, '/a/rare.txt', chunksOf('the ledger holds one invoice'));
      await write(store, b, '/b/rare.md', chunksOf('an invoice kept in another folder'));
      await write(store, b, '/b/titled.md', chunksOf('text without the word'), { title: 'Quarterly forecast' });
      const searcher = new Searcher(store.index);
      const ranked = paths(await searcher.search('ledger invoice', { mode: 'bm25', k: 3 }));
      expect(ranked[0]).toBe('/a/rare.txt');
      expect(paths(await searcher.search('invoice', { mode: 'bm25', folderIds: [b] }))).toEqual(['/b/rare.md']);
      expect(paths(await searcher.search('invoice', { mode: 'bm25', types: ['txt'] }))).toEqual(['/a/rare.txt']);
      expect(paths(await searcher.search('forecast', { mode: 'bm25' }))).toEqual(['/b/titled.md']);
    } finally {
      await store.dispose();
    }
  });

  it.skipIf(kind.unavailable !== undefined)('replaces a rewritten document and forgets a removed one', async () => {
    const store = await open();
    try {
      const folder = await store.addFolder('/docs');
      await write(store, folder, '/docs/note.txt', chunksOf('the first draft mentions aardvarks'));
      const searcher = new Searcher(store.index);
      expect(paths(await searcher.search('aardvark', { mode: 'bm25' }))).toEqual(['/docs/note.txt']);
      await write(store, folder, '/docs/note.txt', chunksOf('the second draft mentions zebras', 'and giraffes'));
      expect((await searcher.search('aardvark', { mode: 'bm25' })).results).toEqual([]);
      expect(paths(await searcher.search('zebra', { mode: 'bm25' }))).toEqual(['/docs/note.txt']);
      await store.writer.removeDocument('/docs/note.txt');
      expect((await searcher.search('zebra giraffe', { mode: 'bm25' })).results).toEqual([]);
    } finally {
      await store.dispose();
    }
  });

  it.skipIf(kind.unavailable !== undefined)('ranks contents pages below the passages that explain', async () => {
    const store = await open();
    try {
      const folder = await store.addFolder('/docs');
      const listing: Chunk = { ...chunksOf('backups restore backups schedule backups')[0]!, role: 'contents' };
      await write(store, folder, '/docs/contents.txt', [listing]);
      await write(store, folder, '/docs/backups.txt', chunksOf('backups run nightly and keep a week of history'));
      expect(paths(await new Searcher(store.index).search('backups', { mode: 'bm25' }))).toEqual(['/docs/backups.txt', '/docs/contents.txt']);
    } finally {
      await store.dispose();
    }
  });

  it.skipIf(kind.unavailable !== undefined)('finds nearest vectors with exact cosine scores, by folder, and fuses them with BM25', async () => {
    const store = await open();
    try {
      const a = await store.addFolder('/a');
      const b = await store.addFolder('/b');
      await store.writer.useVectorFingerprint(FINGERPRINT, embedder.dimensions);
      const words = ['river', 'mountain', 'forest', 'desert', 'ocean', 'valley', 'glacier', 'meadow', 'canyon', 'island'];
      const texts = words.flatMap((first, i) => words.slice(i + 1, i + 4).map((second) => `${first} ${second} trail`));
      for (const [i, text] of texts.entries()) await write(store, i % 2 === 0 ? a : b, `/${i % 2 === 0 ? 'a' : 'b'}/${i}.txt`, chunksOf(text), { embed: true });
      expect(await store.index.vectorState()).toEqual({ fingerprint: FINGERPRINT, hasVectors: true });

      const query = await embedder.embedQuery('glacier meadow');
      // Every vector is a candidate at this size, so the approximate first pass must give the exact order.
      const all = await store.index.nearest(query, texts.length);
      expect(all).toHaveLength(texts.length);
      const exact = await store.index.similarities(query, all.map((hit) => hit.id));
      expect(all).toEqual(exact);
      expect(await store.index.nearest(query, 5)).toEqual(exact.slice(0, 5));
      const searcher = new Searcher(store.index, { embedder, embeddingFingerprint: FINGERPRINT });
      const vector = await searcher.search('glacier meadow', { mode: 'vector', k: 3 });
      expect(vector.results[0]?.text).toBe('glacier meadow trail');
      expect(vector.results[0]?.score).toBeCloseTo(Math.sqrt(2 / 3), 5);
      const inB = await searcher.search('glacier meadow', { mode: 'vector', k: 3, folderIds: [b] });
      expect(inB.results.every((hit) => hit.folderId === b)).toBe(true);
      const hybrid = await searcher.search('glacier meadow', { mode: 'hybrid', k: 3 });
      expect(hybrid.mode).toBe('hybrid');
      expect(hybrid.results[0]?.text).toBe('glacier meadow trail');
    } finally {
      await store.dispose();
    }
  });
});

describe.skipIf(STORE_KINDS.some((kind) => kind.unavailable !== undefined))('both stores on the same documents', () => {
  afterAll(() => STORE_KINDS.forEach((kind) => kind.release()));

  it('rank one-term queries in the same order (the same BM25 over the same analysed terms)', async () => {
    const stores = await Promise.all(STORE_KINDS.map((kind) => kind.open(tempDir)));
    try {
      const random = mulberry32(11);
      const vocabulary = Array.from({ length: 60 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`);
      const documents = Array.from({ length: 120 }, (_, i) => ({
        path: `/docs/${i}.txt`,
        title: i % 5 === 0 ? vocabulary[i % vocabulary.length] : undefined,
        text: Array.from({ length: 5 + Math.floor(random() * 30) }, () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)]).join(' '),
      }));
      for (const store of stores) {
        const folder = await store.addFolder('/docs');
        for (const doc of documents) await write(store, folder, doc.path, chunksOf(doc.text), { title: doc.title });
      }
      for (const term of [vocabulary[0], vocabulary[7], vocabulary[30], vocabulary[55]] as string[]) {
        const [sqlite, postgres] = await Promise.all(stores.map((store) => new Searcher(store.index).search(term, { mode: 'bm25', k: 20 })));
        expect(paths(postgres!)).toEqual(paths(sqlite!));
      }
    } finally {
      await Promise.all(stores.map((store) => store.dispose()));
    }
  });
});
