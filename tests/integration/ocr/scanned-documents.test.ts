/**
 * OCR end to end (issue 15): scanned PDFs and images, generated from text whose words are known, are indexed
 * through the bounded extraction worker and found on the right page, with chunks that say they came from OCR.
 * The character accuracy of OCR against the known text is reported and must stay above 90 %.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { extractBytes } from '../../../electron/core/extract/index.ts';
import { nativeOcrPort } from '../../../electron/core/extract/ocr/native-ocr.ts';
import { OcrReader } from '../../../electron/core/extract/ocr/ocr-reader.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { characterAccuracy } from '../../helpers/char-accuracy.ts';
import { knownPages, pageWord, scannedPdf, textPng } from '../../helpers/scanned-pdf.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
});

async function engineOver(files: Record<string, Uint8Array | string>): Promise<{ engine: Engine; store: Store; folder: string }> {
  const folder = await tempDir();
  for (const [name, content] of Object.entries(files)) await writeFile(join(folder, name), content);
  const store = Store.open(join(await tempDir(), 'trove.db'));
  const engine = new Engine({ store });
  engines.push(engine);
  return { engine, store, folder };
}

describe('OCR of scanned PDFs and images', () => {
  it('finds a scanned PDF\'s words on the right page, says the text came from OCR, and reports pages read', async () => {
    const pages = knownPages(3);
    const { engine, store, folder } = await engineOver({ 'contract-scan.pdf': await scannedPdf(pages, 200), 'notes.md': '# Notes\n\nNothing scanned here.\n' });
    const progress: { done: number; total: number }[] = [];
    await engine.index([folder], { onProgress: (p) => p.pages && progress.push(p.pages) });

    for (const page of [1, 2, 3]) {
      const { results } = await engine.search(`ledger${pageWord(page)}`, { mode: 'bm25', k: 3 });
      expect(results[0]?.path).toBe(join(folder, 'contract-scan.pdf'));
      expect(results[0]?.page).toBe(page);
      expect(results[0]?.origin).toBe('ocr');
    }
    const { results: plain } = await engine.search('scanned', { mode: 'bm25', k: 3 });
    expect(plain[0]?.origin ?? null).toBeNull();
    // Progress counts the pages OCR reads.
    expect(progress.at(-1)).toEqual({ done: 3, total: 3 });
    expect(store.documents.problems()).toEqual([]);
  });

  it('reads a clean 200 dpi scan with at least 90 % character accuracy, page by page', async () => {
    const pages = knownPages(2, 'invoice');
    const ocrPort = nativeOcrPort();
    try {
      const document = await extractBytes(await scannedPdf(pages, 200), 'pdf', 'scan.pdf', { ocr: new OcrReader(ocrPort, 60_000) });
      expect(document.blocks.map((block) => [block.page, block.origin])).toEqual([[1, 'ocr'], [2, 'ocr']]);
      const accuracy = characterAccuracy(pages.map((lines) => lines.join('\n')).join('\n'), document.blocks.map((block) => block.text).join('\n'));
      console.info(`OCR character accuracy on a 200 dpi scan of 2 pages: ${(accuracy * 100).toFixed(1)} %`);
      expect(accuracy).toBeGreaterThanOrEqual(0.9);
    } finally {
      await ocrPort.dispose();
    }
  });

  it('makes a PNG of a document searchable', async () => {
    const { engine, folder } = await engineOver({ 'whiteboard.png': await textPng(['Meeting decided: migrate the zephyrine cluster on Friday.']) });
    await engine.index([folder]);
    const { results } = await engine.search('zephyrine', { mode: 'bm25', k: 3 });
    expect(results[0]?.path).toBe(join(folder, 'whiteboard.png'));
    expect(results[0]?.origin).toBe('ocr');
    expect(results[0]?.page).toBeNull();
  });

  it('leaves scans and images alone in a folder with OCR turned off', async () => {
    const { engine, store, folder } = await engineOver({ 'scan.pdf': await scannedPdf([['quillwort agreement']]), 'photo.png': await textPng(['quillwort photo']) });
    await engine.index([folder]);
    engine.updateFolderSettings(folder, { ocr: false });
    await engine.index([folder]);
    const problems = new Map(store.documents.problems().map((p) => [p.path, p.code]));
    expect(problems.get(join(folder, 'scan.pdf'))).toBe('NO_TEXT');
    expect(problems.get(join(folder, 'photo.png'))).toBe('UNSUPPORTED_TYPE');
    expect((await engine.search('quillwort', { mode: 'bm25', k: 3 })).results).toEqual([]);
  });
});
