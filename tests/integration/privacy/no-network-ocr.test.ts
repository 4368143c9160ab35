/**
 * Privacy of OCR (issue 15): tesseract.js can fetch its language data from a CDN; Trove gives it local files
 * only. With every network entry point blocked in this thread and in tesseract's own worker thread (where a
 * --import preload does not reach), OCR still reads a generated image and makes no attempt.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openTesseractRecognizer, tesseractFiles } from '../../../native/ocr/index.ts';
import { blockNetwork } from '../../helpers/no-network.ts';
import { textPng } from '../../helpers/scanned-pdf.ts';

describe('OCR makes no network access', () => {
  it("reads an image with the network blocked in the engine's thread and in the OCR worker", async () => {
    const image = await textPng(['Offline reading of the marigold inventory.']);
    const files = tesseractFiles();
    process.env.TROVE_TEST_TESSERACT_WORKER = files.workerPath;
    const block = blockNetwork();
    const recognizer = await openTesseractRecognizer({ ...files, workerPath: join(import.meta.dirname, '../../helpers/no-network-tesseract-worker.mjs') });
    try {
      const { text } = await recognizer.recognize(image);
      expect(text).toContain('marigold inventory');
      expect(block.attempts).toEqual([]);
    } finally {
      await recognizer.dispose();
      block.restore();
      delete process.env.TROVE_TEST_TESSERACT_WORKER;
    }
  });

  it('the block in the OCR worker does stop a worker told to download its data (so a pass means something)', async () => {
    const files = tesseractFiles();
    process.env.TROVE_TEST_TESSERACT_WORKER = files.workerPath;
    try {
      const opening = openTesseractRecognizer({
        workerPath: join(import.meta.dirname, '../../helpers/no-network-tesseract-worker.mjs'),
        langPath: 'https://cdn.jsdelivr.net/npm/@tesseract.js-data/eng/4.0.0_best_int',
      });
      await expect(opening).rejects.toThrow(/blocked by the privacy test/);
    } finally {
      delete process.env.TROVE_TEST_TESSERACT_WORKER;
    }
  });
});
