import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lexicalEvidence, weighQuery } from '../../../electron/core/answer/relevance.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { chunksOf } from '../../helpers/chunks.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let store: Store | undefined;
afterEach(() => store?.dispose());

async function storeWith(documents: Record<string, readonly string[]>): Promise<Store> {
  store = Store.open(join(await tempDir(), 'trove.db'));
  const folderId = store.folders.add('/docs', 1).id;
  for (const [path, texts] of Object.entries(documents)) {
    store.documents.writeIndexed(
      { folderId, path: `/docs/${path}`, ext: 'md', format: 'markdown', size: 10, mtimeMs: 1, indexedAt: 1 },
      { chunks: chunksOf(...texts), chunkFingerprint: 'c' },
    );
  }
  return store;
}

describe('TermStatistics', () => {
  it('counts the chunks holding each analysed term, and the chunks in the index', async () => {
    const s = await storeWith({
      'a.md': ['Receipts go to finance within 30 days.', 'The finance team pays invoices.'],
      'b.md': ['Finance closes the books monthly.'],
    });
    const { chunks, documentFrequency } = s.termStats.frequencies(['financ', 'receipt', 'invoic', 'mongolia']);
    expect(chunks).toBe(3);
    expect(Object.fromEntries(documentFrequency)).toEqual({ financ: 3, receipt: 1, invoic: 1, mongolia: 0 });
  });

  it('forgets the chunks of a removed or re-indexed document (contentless_delete)', async () => {
    const s = await storeWith({ 'a.md': ['Receipts go to finance.'], 'b.md': ['Receipts are kept.', 'Receipts again.'] });
    expect(s.termStats.frequencies(['receipt']).documentFrequency.get('receipt')).toBe(3);
    const b = s.documents.stateByPath('/docs/b.md');
    expect(b).toBeDefined();
    s.documents.writeIndexed(
      { folderId: s.folders.list()[0]?.id as number, path: '/docs/b.md', ext: 'md', format: 'markdown', size: 11, mtimeMs: 2, indexedAt: 2 },
      { chunks: chunksOf('Nothing about paper slips.'), chunkFingerprint: 'c' },
    );
    expect(s.termStats.frequencies(['receipt'])).toEqual({ chunks: 2, documentFrequency: new Map([['receipt', 1]]) });
  });

  it('weighs a question by the index: a term in one chunk outweighs one in every chunk', async () => {
    const s = await storeWith({
      'a.md': ['Receipts go to finance within 30 days.'],
      'b.md': ['Finance approves travel.', 'Finance pays salaries.', 'Finance audits budgets.'],
    });
    const query = weighQuery('finance receipts', (terms) => s.termStats.frequencies(terms));
    expect(lexicalEvidence(query, 'Finance pays salaries.').coverage).toBeLessThan(0.25);
    expect(lexicalEvidence(query, 'Receipts are paper.').coverage).toBeGreaterThan(0.75);
  });
});
