import { describe, expect, it } from 'vitest';
import { FormatFailure } from '../../../electron/core/extract/format-failure.ts';
import { checkImageHeader, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, pdfRasterScale } from '../../../electron/core/extract/ocr/image-limits.ts';
import { hugeDimensionsPng } from '../../helpers/hostile-files.ts';

function failureOf(run: () => unknown): FormatFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof FormatFailure) return error;
    throw error;
  }
  throw new Error('expected a FormatFailure');
}

describe('image limits, read from the header', () => {
  it('accepts an image within the limits and names its type', () => {
    expect(checkImageHeader(hugeDimensionsPng(2480, 3508))).toEqual({ width: 2480, height: 3508, type: 'png' });
  });

  it('refuses 50,000 × 50,000, too many pixels, or too long a side, with IMAGE_TOO_LARGE', () => {
    const huge = failureOf(() => checkImageHeader(hugeDimensionsPng(50_000, 50_000)));
    expect(huge.code).toBe('IMAGE_TOO_LARGE');
    expect(huge.message).toMatch(/50000 × 50000 pixels \(2500 MP\)/);
    expect(failureOf(() => checkImageHeader(hugeDimensionsPng(7000, 7000))).code).toBe('IMAGE_TOO_LARGE'); // 49 MP
    expect(failureOf(() => checkImageHeader(hugeDimensionsPng(MAX_IMAGE_SIDE + 1, 100))).code).toBe('IMAGE_TOO_LARGE');
  });

  it('reports bytes that are no image it knows as PARSE_FAILED', () => {
    expect(failureOf(() => checkImageHeader(new TextEncoder().encode('not an image at all'))).code).toBe('PARSE_FAILED');
  });

  it('draws PDF pages at the asked dpi, lower when a huge page would pass the limits', () => {
    expect(pdfRasterScale(612, 792, 200)).toBeCloseTo(200 / 72);
    const scale = pdfRasterScale(14_400, 14_400, 200); // a 200-inch square page
    expect(14_400 * scale).toBeLessThanOrEqual(MAX_IMAGE_SIDE);
    expect((14_400 * scale) ** 2).toBeLessThanOrEqual(MAX_IMAGE_PIXELS * 1.0001);
  });
});
