/** OCR reads the image formats Trove indexes (issue 15): PNG, JPEG, WebP and TIFF, each generated at run time. */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { detectFormat, extractBytes } from '../../../electron/core/extract/index.ts';
import { nativeOcrPort } from '../../../electron/core/extract/ocr/native-ocr.ts';
import { OcrReader } from '../../../electron/core/extract/ocr/ocr-reader.ts';
import { imageVariants } from '../../helpers/image-formats.ts';
import { textPng } from '../../helpers/scanned-pdf.ts';

const ocrPort = nativeOcrPort();
afterAll(() => ocrPort.dispose());

describe('images read by OCR', () => {
  it('reads the same text from PNG, JPEG, WebP and TIFF, as one block marked OCR', async () => {
    const png = await textPng(['Formats check with the walnut ledger.'], 150);
    const { jpeg, webp, tiff } = await imageVariants(png);
    const files: [string, Uint8Array][] = [['scan.png', png], ['scan.jpg', jpeg], ['scan.webp', webp], ['scan.tiff', tiff]];
    for (const [name, bytes] of files) {
      expect(detectFormat(name), name).toBe('image');
      const document = await extractBytes(bytes, 'image', name, { ocr: new OcrReader(ocrPort, 60_000) });
      expect(document.blocks.map((block) => [block.text, block.origin, block.page]), name).toEqual([['Formats check with the walnut ledger.', 'ocr', undefined]]);
    }
  });
});

describe('the OCR engine between images', () => {
  it('is stopped once idle, and started again for the next image', async () => {
    const port = nativeOcrPort(50);
    const reader = new OcrReader(port, 60_000);
    const png = await textPng(['Idle engine check with the copper kettle.'], 150);
    expect(await reader.read(png)).toEqual({ ok: true, lines: ['Idle engine check with the copper kettle.'] });
    expect(port.started).toBe(true);
    await vi.waitFor(() => expect(port.started).toBe(false), { timeout: 30_000, interval: 20 });
    expect(await reader.read(png)).toEqual({ ok: true, lines: ['Idle engine check with the copper kettle.'] });
    await port.dispose();
    expect(port.started).toBe(false);
  });
});
