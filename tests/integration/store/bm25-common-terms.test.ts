import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { SqliteSearchIndex } from '../../../electron/core/store/sqlite/sqlite-search-index.ts';
import { Searcher, type SearchHit } from '../../../electron/core/search/searcher.ts';
import { mulberry32 } from '../../../electron/core/random.ts';
import { chunksOf } from '../../helpers/chunks.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

// A collection where "ledger" is in most chunks, "invoice" in some and "audit" in a few: with a budget of 60
// matches, "ledger" (≈ 240 chunks) only re-scores the chunks that "invoice" or "audit" found.
const tempDir = useTempDirs();
let store: Store;
let folders: number[];
const QUERY = 'ledger invoice audit';
const FILLER = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];

beforeAll(async () => {
  store = Store.open(join(await tempDir(), 'trove.db'));
  folders = [store.folders.add('/a', 1).id, store.folders.add('/b', 1).id];
  const random = mulberry32(7);
  const pick = (words: string[]) => words[Math.floor(random() * words.length)] as string;
  for (let doc = 0; doc < 60; doc++) {
    const texts = Array.from({ length: 5 }, () => {
      const words = Array.from({ length: 5 + Math.floor(random() * 40) }, () => pick(FILLER));
      if (random() < 0.8) words.push(...Array.from({ length: 1 + Math.floor(random() * 3) }, () => 'ledger'));
      if (random() < 0.15) words.push('invoice');
      if (random() < 0.03) words.push('audit', 'audit');
      return words.sort(() => random() - 0.5).join(' ');
    });
    const folderId = folders[doc % 2] as number;
    store.documents.writeIndexed(
      { folderId, path: `/${folderId}/doc-${doc}.md`, ext: 'md', format: 'markdown', size: 10, mtimeMs: 1, indexedAt: 1 },
      { chunks: chunksOf(...texts), chunkFingerprint: 'c' },
    );
  }
});

afterAll(() => store.dispose());

const exact = () => new Searcher(new SqliteSearchIndex(store, { postingsBudget: Number.MAX_SAFE_INTEGER }));
const budgeted = () => new Searcher(new SqliteSearchIndex(store, { postingsBudget: 60 }));
const holdsRareTerm = (hit: SearchHit) => /\b(invoice|audit)\b/.test(hit.text);
const simplified = (hits: SearchHit[]) => hits.map((hit) => ({ id: hit.chunkId, score: hit.score }));

describe('BM25 with common terms set aside', () => {
  it('is set up so that the budget matters: the common term alone matches more chunks than the budget', () => {
    expect(store.search.matchCountUpTo('"ledger"', 1000)).toBeGreaterThan(200);
    expect(store.search.matchCountUpTo('"ledger"', 61)).toBe(61);
    const rare = store.search.matchCountUpTo('"invoic" OR "audit"', 1000);
    expect(rare).toBeGreaterThan(10);
    expect(rare).toBeLessThanOrEqual(60);
  });

  it('ranks the chunks holding a rarer term exactly as the full query does, with the same scores', async () => {
    const full = (await exact().search(QUERY, { mode: 'bm25', k: 1000 })).results;
    const expected = simplified(full.filter(holdsRareTerm)).slice(0, 10);
    const got = (await budgeted().search(QUERY, { mode: 'bm25', k: 10 })).results;
    expect(got.map((hit) => hit.chunkId)).toEqual(expected.map((hit) => hit.id));
    got.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]?.score ?? NaN, 9));
    // The full query's top 10 are all chunks with a rarer term here, so nothing a user would see changed.
    expect(simplified(full.slice(0, 10)).map((hit) => hit.id)).toEqual(got.map((hit) => hit.chunkId));
  });

  it('leaves out only the chunks that hold nothing but the common term', async () => {
    const full = (await exact().search(QUERY, { mode: 'bm25', k: 1000 })).results;
    const got = (await budgeted().search(QUERY, { mode: 'bm25', k: 1000 })).results;
    expect(full.length).toBeGreaterThan(got.length);
    expect(got.every(holdsRareTerm)).toBe(true);
    expect(new Set(got.map((hit) => hit.chunkId))).toEqual(new Set(full.filter(holdsRareTerm).map((hit) => hit.chunkId)));
  });

  it('applies folder filters the same way', async () => {
    const filter = { folderIds: [folders[1] as number] };
    const full = (await exact().search(QUERY, { mode: 'bm25', k: 1000, ...filter })).results;
    const got = (await budgeted().search(QUERY, { mode: 'bm25', k: 5, ...filter })).results;
    expect(got.length).toBe(5);
    expect(got.every((hit) => hit.folderId === folders[1])).toBe(true);
    expect(simplified(got)).toEqual(simplified(full.filter(holdsRareTerm)).slice(0, 5).map((hit) => ({ id: hit.id, score: expect.closeTo(hit.score, 9) })));
  });

  it('runs the exact query when everything fits the default budget', async () => {
    const full = (await exact().search(QUERY, { mode: 'bm25', k: 1000 })).results;
    const byDefault = (await new Searcher(new SqliteSearchIndex(store)).search(QUERY, { mode: 'bm25', k: 1000 })).results;
    expect(simplified(byDefault)).toEqual(simplified(full));
  });

  it('searches a one-word query of a common term in full', async () => {
    const got = (await budgeted().search('ledger', { mode: 'bm25', k: 1000 })).results;
    expect(got.length).toBe(store.search.matchCountUpTo('"ledger"', 1000));
  });
});
