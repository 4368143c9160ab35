/**
 * The size an image may have before OCR decodes it, read from its header alone (image-size): a PNG that
 * declares 50,000 × 50,000 pixels would need 10 GB to decode, and is refused from its first bytes instead.
 */
import { imageSize } from 'image-size';
import { FormatFailure } from '../format-failure.ts';

/** 40 megapixels: an A3 page scanned at 600 dpi is ~70 MP, an A4 one at 400 dpi ~15 MP. */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_IMAGE_SIDE = 20_000;

/** Image types OCR reads, as image-size names them. */
const READABLE_TYPES: ReadonlySet<string> = new Set(['png', 'jpg', 'tiff', 'webp', 'bmp']);

export interface ImageDimensions {
  readonly width: number;
  readonly height: number;
  readonly type: string;
}

/** The image's dimensions from its header; throws FormatFailure when it is unreadable or too large to decode. */
export function checkImageHeader(bytes: Uint8Array): ImageDimensions {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch (error) {
    throw new FormatFailure('PARSE_FAILED', 'The file is not a readable image (damaged, truncated or of another type).', { cause: error });
  }
  const type = size.type ?? 'unknown';
  if (!READABLE_TYPES.has(type)) throw new FormatFailure('PARSE_FAILED', `The file is a ${type.toUpperCase()} image, which OCR does not read.`);
  const { width, height } = size;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    const megapixels = Math.round((width * height) / 1e6);
    throw new FormatFailure(
      'IMAGE_TOO_LARGE',
      `The image is ${width} × ${height} pixels (${megapixels} MP), over the OCR limit of ${MAX_IMAGE_PIXELS / 1e6} MP and ${MAX_IMAGE_SIDE.toLocaleString('en-US')} px a side; it was not decoded.`,
    );
  }
  return { width, height, type };
}

/**
 * The scale (1 = 72 dpi) a PDF page of `widthPt` × `heightPt` points is drawn at for OCR: `dpi`, lowered when
 * the page is so large that the drawing would pass the image limits.
 */
export function pdfRasterScale(widthPt: number, heightPt: number, dpi: number): number {
  const wanted = dpi / 72;
  const bySide = MAX_IMAGE_SIDE / Math.max(widthPt, heightPt, 1);
  const byArea = Math.sqrt(MAX_IMAGE_PIXELS / Math.max(widthPt * heightPt, 1));
  return Math.min(wanted, bySide, byArea);
}
