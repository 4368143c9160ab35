// OcrReader over a fake OcrPort (a port, so a fake is fair): what a page's reading becomes when OCR is slow,
// fails, or reads noise, and that the engine is started once, outside page time.
import { describe, expect, it } from 'vitest';
import type { OcrPort, RecognizedText } from '../../../electron/core/extract/ocr/ocr-port.ts';
import { OcrReader } from '../../../electron/core/extract/ocr/ocr-reader.ts';

function fakePort(recognize: () => Promise<RecognizedText>): OcrPort & { starts: number; restarts: number } {
  const port = {
    started: false,
    starts: 0,
    restarts: 0,
    async start() {
      port.starts += 1;
      port.started = true;
    },
    recognize,
    async rasterize() {
      return new Uint8Array([1]);
    },
    async restart() {
      port.restarts += 1;
      port.started = false;
    },
    async dispose() {},
  };
  return port;
}

describe('OcrReader', () => {
  it('returns the lines read, without trailing blanks, and starts the engine once, telling the caller first', async () => {
    const port = fakePort(async () => ({ text: 'Invoice 12  \nPaid in full\n\n\n', confidence: 91 }));
    let told = 0;
    const reader = new OcrReader(port, 1000, () => (told += 1));
    expect(await reader.read(new Uint8Array([1]))).toEqual({ ok: true, lines: ['Invoice 12', 'Paid in full'] });
    await reader.read(new Uint8Array([1]));
    expect([port.starts, told]).toEqual([1, 1]);
  });

  it('leaves a page that runs out of time out with TIMED_OUT, and restarts the engine for the next one', async () => {
    const port = fakePort(() => new Promise<RecognizedText>(() => undefined));
    const reader = new OcrReader(port, 20);
    const reading = await reader.read(new Uint8Array([1]));
    expect(reading).toMatchObject({ ok: false, notice: { code: 'TIMED_OUT' } });
    expect(port.restarts).toBe(1);
    expect(port.started).toBe(false);
  });

  it('reports a recognition failure and text too unclear to trust as OCR_FAILED', async () => {
    const failing = new OcrReader(fakePort(async () => Promise.reject(new Error('Error attempting to read image.\nmore'))), 1000);
    expect(await failing.read(new Uint8Array([1]))).toEqual({ ok: false, notice: { code: 'OCR_FAILED', message: 'OCR could not read it: Error attempting to read image.' } });
    const noisy = new OcrReader(fakePort(async () => ({ text: '~%; ,i1 |l', confidence: 12 })), 1000);
    expect(await noisy.read(new Uint8Array([1]))).toMatchObject({ ok: false, notice: { code: 'OCR_FAILED', message: expect.stringContaining('confidence 12%') } });
  });

  it('reads a blank page as no lines, not as a failure', async () => {
    const blank = new OcrReader(fakePort(async () => ({ text: '\n', confidence: 0 })), 1000);
    expect(await blank.read(new Uint8Array([1]))).toEqual({ ok: true, lines: [] });
  });
});
