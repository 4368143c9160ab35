/**
 * Images (PNG, JPEG, TIFF, WebP) are read by OCR: their header is checked first (dimensions within the limits,
 * before anything is decoded), then the whole image is recognised as one page of text. Its lines are lines of
 * the recognised text; the block carries `origin: 'ocr'` so citations say where the text came from.
 */
import type { Extraction } from './block.ts';
import type { ExtractContext } from './extract-context.ts';
import { FormatFailure } from './format-failure.ts';
import { checkImageHeader } from './ocr/image-limits.ts';

export async function extractImage(bytes: Uint8Array, context: ExtractContext): Promise<Extraction> {
  if (!context.ocr) throw new FormatFailure('UNSUPPORTED_TYPE', 'Images are read with OCR, which is off for this folder.');
  checkImageHeader(bytes);
  context.onPages?.(0, 1);
  const reading = await context.ocr.read(bytes);
  context.onPages?.(1, 1);
  if (!reading.ok) throw new FormatFailure(reading.notice.code, reading.notice.message);
  const first = reading.lines.findIndex((line) => line.trim() !== '');
  if (first === -1) return { blocks: [] };
  const lines = reading.lines.slice(first);
  const text = lines.join('\n');
  const startChar = reading.lines.slice(0, first).reduce((sum, line) => sum + line.length + 1, 0);
  return {
    blocks: [{ kind: 'page', text, headingPath: [], startLine: first + 1, endLine: reading.lines.length, startChar, endChar: startChar + text.length, origin: 'ocr' }],
  };
}
