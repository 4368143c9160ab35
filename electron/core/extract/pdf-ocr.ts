/**
 * Scanned PDF pages — pages whose text layer is empty — are drawn at OCR_DPI and read by OCR, one by one, each
 * under the OCR time limit. Their lines take the place of the empty text layer, so the page's block, spans and
 * citations work as for any page; the pages read this way are returned so their blocks can say `origin: 'ocr'`.
 * A page OCR cannot read is left out with a notice naming the page and the reason.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ExtractionNotice } from '../types.ts';
import type { ExtractContext } from './extract-context.ts';
import { pdfRasterScale } from './ocr/image-limits.ts';

/** Resolution scanned pages are drawn at: clean print reads well from 200 dpi, and 300 costs 2.25× the pixels. */
export const OCR_DPI = 200;

export interface PdfOcrResult {
  /** The document's pages' lines, with OCR's text in place of the empty text layers it could read. */
  readonly pages: readonly string[][];
  /** 1-based numbers of the pages whose text came from OCR. */
  readonly ocrPages: ReadonlySet<number>;
  readonly notices: readonly ExtractionNotice[];
}

export async function ocrTextlessPages(document: PDFDocumentProxy, pages: readonly string[][], context: ExtractContext): Promise<PdfOcrResult> {
  const { ocr } = context;
  const textless = pages.flatMap((lines, index) => (lines.every((line) => line.trim() === '') ? [index + 1] : []));
  if (!ocr || textless.length === 0) return { pages: [...pages], ocrPages: new Set(), notices: [] };
  const replaced = [...pages];
  const ocrPages = new Set<number>();
  const notices: ExtractionNotice[] = [];
  context.onPages?.(0, textless.length);
  for (const [done, pageNumber] of textless.entries()) {
    const page = await document.getPage(pageNumber);
    try {
      const [left = 0, bottom = 0, right = 0, top = 0] = page.view;
      const reading = await ocr.readPdfPage(page, pdfRasterScale(Math.abs(right - left), Math.abs(top - bottom), OCR_DPI));
      if (reading.ok) {
        replaced[pageNumber - 1] = [...reading.lines];
        ocrPages.add(pageNumber);
      } else {
        notices.push({ page: pageNumber, ...reading.notice });
      }
    } finally {
      page.cleanup();
    }
    context.onPages?.(done + 1, textless.length);
  }
  return { pages: replaced, ocrPages, notices };
}
