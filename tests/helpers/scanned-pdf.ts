/**
 * Scanned documents whose words are known, generated at run time (no binary is committed): a text PDF drawn
 * with pdf-lib, rasterised page by page with pdf.js on @napi-rs/canvas (native/ocr, the renderer OCR itself
 * uses), and the pictures put back into an image-only PDF — no text layer left, as from a scanner.
 * No vitest imports: the OCR benchmark uses them too.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { rasterizePdfPage } from '../../native/ocr/pdf-raster.ts';

const PAGE = { width: 612, height: 792 } as const;

/** A text PDF: one page per entry, each line of it drawn at 12 pt Helvetica from the top margin. */
export async function linesPdf(pages: readonly (readonly string[])[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    lines.forEach((line, i) => page.drawText(line, { x: 72, y: PAGE.height - 90 - i * 18, size: 12, font }));
  }
  return doc.save({ useObjectStreams: false });
}

/** Each page of `pdf` as a PNG at `dpi`. */
export async function rasterizePdf(pdf: Uint8Array, dpi: number): Promise<Uint8Array[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
  try {
    const document = await task.promise;
    const images: Uint8Array[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      images.push((await rasterizePdfPage(page, dpi / 72)).png);
      page.cleanup();
    }
    return images;
  } finally {
    await task.destroy();
  }
}

/** An image-only PDF: each PNG fills one letter-size page, and there is no text layer at all. */
export async function imagePdf(pngs: readonly Uint8Array[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const png of pngs) {
    const image = await doc.embedPng(png);
    doc.addPage([PAGE.width, PAGE.height]).drawImage(image, { x: 0, y: 0, width: PAGE.width, height: PAGE.height });
  }
  return doc.save({ useObjectStreams: false });
}

/** A scan of a document with these pages of lines, at `dpi`. */
export async function scannedPdf(pages: readonly (readonly string[])[], dpi = 200): Promise<Uint8Array> {
  return imagePdf(await rasterizePdf(await linesPdf(pages), dpi));
}

/** A PNG of one page with these lines, as a photo or screenshot of a document would hold them. */
export async function textPng(lines: readonly string[], dpi = 200): Promise<Uint8Array> {
  const [png] = await rasterizePdf(await linesPdf([lines]), dpi);
  if (!png) throw new Error('no page rendered');
  return png;
}

/** Pages of made-up but ordinary English sentences, each page with a word of its own (`tag` + page number). */
export function knownPages(count: number, tag = 'ledger'): string[][] {
  const sentences = [
    'The quarterly invoice lists forty copper valves and six brass fittings.',
    'Payment is due within thirty days of delivery to the main warehouse.',
    'Returns need a signed form from the warehouse manager before shipping.',
    'Each contract names the supplier, the price per unit and the penalty.',
    'Late deliveries reduce the price by two percent for every week of delay.',
    'Questions about this agreement go to the purchasing office in writing.',
  ];
  return Array.from({ length: count }, (_, p) => [`Page ${p + 1}: ${tag}${pageWord(p + 1)} schedule`, ...sentences.map((s, i) => sentences[(i + p) % sentences.length] ?? s)]);
}

/** A word made of letters only (OCR reads letters more surely than digits), distinct per page. */
export function pageWord(page: number): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  return `${letters[page % 20]}${letters[Math.floor(page / 20) % 20]}`;
}
