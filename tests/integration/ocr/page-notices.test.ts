// Pages OCR cannot read are recorded with their reasons (issue 15): a document with other readable pages is
// indexed and listed as "indexed with pages left out"; one with no readable page fails with the first reason.
// The extraction port stands in for OCR here (tests/integration/ocr/scanned-documents.test.ts runs the real one).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import type { ExtractedDocument } from '../../../electron/core/types.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

const pageTwoText = 'Second page read by OCR about the sandpiper lease.';
const partly: ExtractedDocument = {
  format: 'pdf',
  blocks: [{ kind: 'page', text: pageTwoText, headingPath: [], page: 2, startLine: 1, endLine: 1, startChar: 1, endChar: 1 + pageTwoText.length, origin: 'ocr' }],
  notices: [
    { page: 1, code: 'TIMED_OUT', message: 'OCR took longer than 45 s; the page was left out.' },
    { page: 3, code: 'OCR_FAILED', message: 'OCR could not read the text clearly (confidence 12%); the page was left out.' },
  ],
};
const unreadable: ExtractedDocument = { format: 'pdf', blocks: [], notices: [{ page: 1, code: 'OCR_FAILED', message: 'OCR could not read it: bad image.' }] };

describe('pages OCR cannot read', () => {
  it('are recorded with page and reason, beside the pages that were read', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'partly.pdf'), 'stand-in bytes 1');
    await writeFile(join(folder, 'unreadable.pdf'), 'stand-in bytes 2');
    const engine = new Engine({
      store: Store.open(join(await tempDir(), 'trove.db')),
      extract: async (path) => (path.endsWith('partly.pdf') ? partly : unreadable),
    });
    try {
      const [summary] = await engine.index([folder]);
      expect(summary).toMatchObject({ indexed: 1, failed: 1 });
      const { results } = await engine.search('sandpiper', { mode: 'bm25', k: 3 });
      expect(results.map((hit) => [hit.page, hit.origin])).toEqual([[2, 'ocr']]);
      const problems = engine.status().problems;
      expect(problems).toContainEqual({
        path: join(folder, 'partly.pdf'),
        status: 'indexed',
        code: 'TIMED_OUT',
        message: 'page 1: OCR took longer than 45 s; the page was left out. page 3: OCR could not read the text clearly (confidence 12%); the page was left out.',
      });
      expect(problems).toContainEqual({ path: join(folder, 'unreadable.pdf'), status: 'failed', code: 'OCR_FAILED', message: 'Page 1: OCR could not read it: bad image.' });
    } finally {
      await engine.dispose();
    }
  });
});
