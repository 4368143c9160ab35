import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { extractReadFile } from '../../../electron/core/extract/index.ts';
import { rankBm25 } from '../../../electron/core/store/sqlite/bm25-search.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { BACKUP_GUIDE, makeManualPdf } from '../../helpers/manual-pdf.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function indexedGuide(): Promise<{ engine: Engine; store: Store }> {
  const folder = await tempDir();
  await writeFile(join(folder, 'guide.pdf'), await makeManualPdf(BACKUP_GUIDE));
  const store = Store.open(join(await tempDir(), 'trove.db'));
  const engine = new Engine({ store, extract: extractReadFile });
  await engine.index([folder]);
  return { engine, store };
}

const QUESTION = 'how do I restore a backup';

describe('contents and index pages in search', () => {
  it('stores the role of each PDF page chunk', async () => {
    const { engine, store } = await indexedGuide();
    const { results } = await engine.search('installer wizard backup pruning', { mode: 'bm25', k: 10 });
    const roles = store.search.rolesOf(results.map((hit) => hit.chunkId));
    expect(results.map((hit) => [hit.page, roles.get(hit.chunkId)]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, 'contents'], [2, undefined], [3, undefined], [4, undefined], [5, undefined], [6, undefined], [7, 'index'],
    ]);
    await engine.dispose();
  });

  it('ranks the page that explains above the contents and index pages that list the same words', async () => {
    const { engine, store } = await indexedGuide();
    // Plain BM25 puts a listing page first: short pages that hold every query word.
    const plain = store.search.hydrate(rankBm25(store.search, QUESTION, 10, {}, 5000).map((item) => item.id));
    expect([1, 7]).toContain(plain[0]?.page);
    const { results } = await engine.search(QUESTION, { mode: 'bm25', k: 10 });
    const pages = results.map((hit) => hit.page);
    // Page 4 explains restoring, page 5 what happens after a restore.
    expect(pages.slice(0, 2).sort()).toEqual([4, 5]);
    expect(pages.indexOf(4)).toBeLessThan(pages.indexOf(1));
    expect(pages.indexOf(4)).toBeLessThan(pages.indexOf(7));
    await engine.dispose();
  });

  it('still finds the index when it is what the question asks for', async () => {
    const { engine } = await indexedGuide();
    const { results } = await engine.search('index', { mode: 'bm25', k: 3 });
    expect(results[0]?.page).toBe(7);
    await engine.dispose();
  });
});
