/**
 * The one place that opens @napi-rs/canvas (Skia, native): a PDF page drawn by pdf.js onto a canvas in memory
 * and encoded as PNG, the input OCR reads. pdf.js in Node draws through the same package.
 */
import { createCanvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface RasterizedPage {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Draws `page` at `scale` (1 = 72 dpi) on white, as a scanner would have seen it. */
export async function rasterizePdfPage(page: PDFPageProxy, scale: number): Promise<RasterizedPage> {
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.ceil(viewport.width));
  const height = Math.max(1, Math.ceil(viewport.height));
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  // pdf.js types the target as a DOM canvas; @napi-rs/canvas implements the part of it pdf.js draws with.
  const parameters = { canvas, canvasContext: context, viewport } as unknown as Parameters<PDFPageProxy['render']>[0];
  await page.render(parameters).promise;
  const png = await canvas.encode('png');
  return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width, height };
}
