import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Searcher, STOPWORDS_ONLY_NOTICE } from '../../../electron/core/search/searcher.ts';
import { SqliteSearchIndex } from '../../../electron/core/store/sqlite/sqlite-search-index.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { chunksOf } from '../../helpers/chunks.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

// BM25 over the analyser's terms, on a real index: stop words are neither indexed nor searched for, and
// typographic or hyphenated text matches what a user types while the stored text stays as written.
const tempDir = useTempDirs();
let store: Store;
const RECEIPTS = 'Receipts go to finance within 30 days.';
const PDF_LINES = 'Open the “configu-\nration” file and set the limit to −5 °C.';
const GERMAN = 'Die Quittungen sind innerhalb von 30 Tagen an die Buchhaltung zu senden.';

beforeAll(async () => {
  store = Store.open(join(await tempDir(), 'trove.db'));
  const folderId = store.folders.add('/docs', 1).id;
  const texts = [RECEIPTS, PDF_LINES, GERMAN, 'The die was cast in hardened steel.'];
  texts.forEach((text, i) =>
    store.documents.writeIndexed(
      { folderId, path: `/docs/${i}.txt`, ext: 'txt', format: 'text', size: text.length, mtimeMs: 1, indexedAt: 1 },
      { chunks: chunksOf(text), chunkFingerprint: 'c' },
    ),
  );
});

afterAll(() => store.dispose());

const bm25 = (query: string) => new Searcher(new SqliteSearchIndex(store)).search(query, { mode: 'bm25' });

describe('BM25 over analysed text', () => {
  it('finds the receipts passage for "When are receipts due?" by its content words alone', async () => {
    const response = await bm25('When are receipts due?');
    expect(response.results.map((hit) => hit.text)).toEqual([RECEIPTS]);
    expect(response.notices).toEqual([]);
  });

  it('finds nothing for a query of stop words only, and says why', async () => {
    const response = await bm25('Is it the same as that?');
    expect(response.results).toEqual([]);
    expect(response.notices).toEqual([STOPWORDS_ONLY_NOTICE]);
    expect((await bm25('?!')).notices).toEqual([]);
  });

  it('matches typed words against typographic, hyphenated text and returns the text as stored', async () => {
    const response = await bm25('"configuration" -5');
    expect(response.results[0]?.text).toBe(PDF_LINES);
  });

  it('does not index German stop words in German text, but keeps "die" in English text', async () => {
    expect((await bm25('Where is the die?')).results.map((hit) => hit.text)).toEqual(['The die was cast in hardened steel.']);
    expect((await bm25('Buchhaltung')).results.map((hit) => hit.text)).toEqual([GERMAN]);
  });
});
