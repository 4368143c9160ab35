/**
 * Reads one image or scanned page through the OCR port under a time limit. A page that cannot be read — out
 * of time, an image tesseract cannot decode, text too unclear to trust — comes back as a notice with its
 * reason instead of text, so the rest of the document is still indexed and the gap is on record.
 */
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ExtractionNotice } from '../../types.ts';
import type { OcrPort } from './ocr-port.ts';

/** Below this mean word confidence (0–100) the "text" is mostly noise read into a picture or a smudge. */
export const MIN_CONFIDENCE = 30;

export type PageReading =
  | { readonly ok: true; readonly lines: readonly string[] }
  | { readonly ok: false; readonly notice: Omit<ExtractionNotice, 'page'> };

export class OcrReader {
  constructor(
    private readonly port: OcrPort,
    /** How long one page or image may take to recognise. */
    readonly pageTimeoutMs: number,
    /**
     * Told before the OCR engine loads (first page, or after a page ran out of time), which happens outside
     * any page's time: the file's time limit can make room for a start-up that takes seconds.
     */
    private readonly onStarting?: () => void,
  ) {}

  /** The text of an encoded image, as lines (trailing blanks trimmed). */
  read(image: Uint8Array): Promise<PageReading> {
    return this.withinLimit(async () => this.port.recognize(image));
  }

  /** Draws a PDF page at `scale` and reads it; drawing counts against the page's time too. */
  readPdfPage(page: PDFPageProxy, scale: number): Promise<PageReading> {
    return this.withinLimit(async (signal) => {
      const png = await this.port.rasterize(page, scale);
      // The page ran out of time while it was drawn: its recognition must not start on the next engine.
      if (signal.aborted) throw new Error('abandoned');
      return this.port.recognize(png);
    });
  }

  private async withinLimit(recognize: (signal: AbortSignal) => Promise<{ text: string; confidence: number }>): Promise<PageReading> {
    if (!this.port.started) {
      this.onStarting?.();
      await this.port.start();
    }
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.pageTimeoutMs);
    });
    const abandon = new AbortController();
    const work = recognize(abandon.signal);
    // Once the time is out nobody waits for `work`; its late failure (the engine was stopped under it) is moot.
    work.catch(() => undefined);
    try {
      const result = await Promise.race([work, outOfTime]);
      if (result === 'timeout') {
        abandon.abort();
        await this.port.restart();
        return failure('TIMED_OUT', `OCR took longer than ${seconds(this.pageTimeoutMs)}; the page was left out.`);
      }
      const lines = result.text.split(/\r?\n/).map((line) => line.replace(/\s+$/, ''));
      while (lines.length > 0 && lines.at(-1) === '') lines.pop();
      if (lines.length > 0 && result.confidence < MIN_CONFIDENCE) {
        return failure('OCR_FAILED', `OCR could not read the text clearly (confidence ${Math.round(result.confidence)}%); the page was left out.`);
      }
      return { ok: true, lines };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return failure('OCR_FAILED', `OCR could not read it: ${detail.split('\n')[0] ?? detail}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function failure(code: ExtractionNotice['code'], message: string): PageReading {
  return { ok: false, notice: { code, message } };
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
