import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/store/sqlite/migrations.ts';
import { toFtsQuery } from '../../../electron/core/search/analyze.ts';
import type { DocumentFacts } from '../../../electron/core/ports.ts';
import { chunksOf } from '../../helpers/chunks.ts';
import { HashingEmbedder } from '../../helpers/fake-embedder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function openStore(): Promise<Store> {
  return Store.open(join(await tempDir(), 'trove.db'));
}

function facts(folderId: number, path: string): DocumentFacts {
  return { folderId, path, ext: 'md', size: 10, mtimeMs: 1000, indexedAt: 2000, hash: 'h', format: 'markdown' };
}

function bm25Paths(store: Store, query: string): string[] {
  const match = toFtsQuery(query);
  if (!match) return [];
  const ids = store.search.bm25(match, 10).map((hit) => hit.id);
  return [...new Set(store.search.hydrate(ids).map((hit) => hit.path))];
}

describe('Store', () => {
  it('creates the schema at the latest version in WAL mode, and reopens without migrating again', async () => {
    const dir = await tempDir();
    const file = join(dir, 'trove.db');
    const store = Store.open(file);
    store.folders.add('/docs', 1);
    store.dispose();
    const reopened = Store.open(file);
    expect(reopened.folders.list().map((f) => f.path)).toEqual(['/docs']);
    expect(reopened.integrityCheck()).toBe('ok');
    reopened.dispose();
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('writes a document with its chunks and finds it by BM25; rewriting replaces the old text', async () => {
    const store = await openStore();
    const folder = store.folders.add('/docs', 1);
    store.documents.writeIndexed(facts(folder.id, '/docs/a.md'), { chunks: chunksOf('the quarterly budget review', 'holiday policy'), chunkFingerprint: 'c1' });
    expect(bm25Paths(store, 'budget')).toEqual(['/docs/a.md']);
    store.documents.writeIndexed(facts(folder.id, '/docs/a.md'), { chunks: chunksOf('travel expenses only'), chunkFingerprint: 'c1' });
    expect(bm25Paths(store, 'budget')).toEqual([]);
    expect(bm25Paths(store, 'expenses')).toEqual(['/docs/a.md']);
    expect(store.counts()).toMatchObject({ documents: 1, indexed: 1, chunks: 1 });
    store.dispose();
  });

  it('never leaves half a document: a failing write keeps the previous version whole', async () => {
    const store = await openStore();
    const embedder = new HashingEmbedder(8);
    store.vectors.useFingerprint('e1', 8);
    const folder = store.folders.add('/docs', 1);
    const good = chunksOf('alpha one', 'alpha two');
    store.documents.writeIndexed(facts(folder.id, '/docs/a.md'), {
      chunks: good,
      chunkFingerprint: 'c1',
      embedding: { vectors: await embedder.embedDocuments(good.map((c) => c.text)), fingerprint: 'e1' },
    });
    // The second vector has the wrong dimension: sqlite-vec rejects it after the first chunk was written.
    const bad = chunksOf('beta one', 'beta two');
    expect(() =>
      store.documents.writeIndexed(facts(folder.id, '/docs/a.md'), {
        chunks: bad,
        chunkFingerprint: 'c1',
        embedding: { vectors: [new Float32Array(8), new Float32Array(3)], fingerprint: 'e1' },
      }),
    ).toThrow();
    expect(bm25Paths(store, 'alpha')).toEqual(['/docs/a.md']);
    expect(bm25Paths(store, 'beta')).toEqual([]);
    expect(store.counts()).toMatchObject({ chunks: 2, vectors: 2 });
    expect(store.integrityCheck()).toBe('ok');
    store.dispose();
  });

  it('records skipped and failed files with their reasons and drops their old chunks', async () => {
    const store = await openStore();
    const folder = store.folders.add('/docs', 1);
    store.documents.writeIndexed(facts(folder.id, '/docs/a.md'), { chunks: chunksOf('gamma'), chunkFingerprint: 'c1' });
    store.documents.writeProblem(facts(folder.id, '/docs/a.md'), { status: 'failed', code: 'PARSE_FAILED', message: 'broken' });
    expect(bm25Paths(store, 'gamma')).toEqual([]);
    expect(store.documents.problems()).toEqual([{ path: '/docs/a.md', status: 'failed', code: 'PARSE_FAILED', message: 'broken' }]);
    store.dispose();
  });

  it('forgetting a folder removes its documents, chunks, full-text entries and vectors, and nothing else', async () => {
    const store = await openStore();
    store.vectors.useFingerprint('e1', 4);
    const keep = store.folders.add('/keep', 1);
    const drop = store.folders.add('/drop', 1);
    const vector = new Float32Array([1, 0, 0, 0]);
    for (const [folder, path] of [[keep, '/keep/a.md'], [drop, '/drop/b.md']] as const) {
      store.documents.writeIndexed(facts(folder.id, path), { chunks: chunksOf('shared words here'), chunkFingerprint: 'c1', embedding: { vectors: [vector], fingerprint: 'e1' } });
    }
    store.folders.remove(drop.id);
    expect(bm25Paths(store, 'shared')).toEqual(['/keep/a.md']);
    expect(store.vectors.nearest(vector, 10).length).toBe(1);
    expect(store.counts()).toMatchObject({ documents: 1, chunks: 1, vectors: 1 });
    expect(store.integrityCheck()).toBe('ok');
    store.dispose();
  });

  it('a new embedding fingerprint drops old vectors and marks documents for re-embedding', async () => {
    const store = await openStore();
    expect(store.vectors.useFingerprint('e1', 4)).toBe(true);
    expect(store.vectors.useFingerprint('e1', 4)).toBe(false);
    const folder = store.folders.add('/docs', 1);
    store.documents.writeIndexed(facts(folder.id, '/docs/a.md'), { chunks: chunksOf('delta'), chunkFingerprint: 'c1', embedding: { vectors: [new Float32Array([0, 1, 0, 0])], fingerprint: 'e1' } });
    expect(store.counts()).toMatchObject({ vectors: 1, staleVectors: 0 });
    expect(store.vectors.useFingerprint('e2', 6)).toBe(true);
    expect(store.counts()).toMatchObject({ vectors: 0, staleVectors: 1 });
    expect(store.vectors.dimensions).toBe(6);
    store.dispose();
  });

  it('filters BM25 results by folder and by file type', async () => {
    const store = await openStore();
    const a = store.folders.add('/a', 1);
    const b = store.folders.add('/b', 1);
    store.documents.writeIndexed({ ...facts(a.id, '/a/x.md') }, { chunks: chunksOf('invoice'), chunkFingerprint: 'c1' });
    store.documents.writeIndexed({ ...facts(b.id, '/b/y.pdf'), ext: 'pdf', format: 'pdf' }, { chunks: chunksOf('invoice'), chunkFingerprint: 'c1' });
    const match = toFtsQuery('invoice') as string;
    const paths = (filter: Parameters<typeof store.search.bm25>[2]) =>
      store.search.hydrate(store.search.bm25(match, 10, filter).map((h) => h.id)).map((h) => h.path).sort();
    expect(paths({})).toEqual(['/a/x.md', '/b/y.pdf']);
    expect(paths({ folderIds: [b.id] })).toEqual(['/b/y.pdf']);
    expect(paths({ types: ['md'] })).toEqual(['/a/x.md']);
    expect(paths({ types: ['pdf'], folderIds: [a.id] })).toEqual([]);
    store.dispose();
  });
});
