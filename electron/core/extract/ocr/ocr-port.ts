/**
 * The port OCR is reached through. The engine never opens tesseract.js or the canvas itself (they are native
 * or WebAssembly, opened only under native/ocr); the extraction worker wires the real adapter
 * (native-ocr.ts) and tests may pass their own.
 */
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface RecognizedText {
  readonly text: string;
  /** Mean word confidence, 0–100. */
  readonly confidence: number;
}

export interface OcrPort {
  /** Whether the OCR engine is loaded (starting it takes seconds, once). */
  readonly started: boolean;
  /** Loads the OCR engine if it is not loaded yet. */
  start(): Promise<void>;
  /** The text in an encoded image (PNG, JPEG, WebP, TIFF). */
  recognize(image: Uint8Array): Promise<RecognizedText>;
  /** A PDF page drawn at `scale` (1 = 72 dpi), encoded as PNG. */
  rasterize(page: PDFPageProxy, scale: number): Promise<Uint8Array>;
  /** Abandons a recognition in flight (after its time ran out); the next call starts afresh. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}
