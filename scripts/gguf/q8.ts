import { float32ToFloat16Bits } from './f16.ts';

/** Values per Q8_0 block (ggml's QK8_0). */
export const Q8_0_BLOCK = 32;
/** Bytes per block: an f16 scale d, then 32 int8 quants q, value = d·q (ggml's block_q8_0). */
export const Q8_0_BLOCK_BYTES = 2 + Q8_0_BLOCK;

/**
 * Quantises float values to ggml's Q8_0 layout, as ggml's reference quantize_row_q8_0 does: per block of 32,
 * d = max|x| / 127 and q = round(x / d). `values.length` must be a multiple of 32.
 */
export function encodeQ8_0(values: Float32Array): Uint8Array {
  if (values.length % Q8_0_BLOCK !== 0) throw new Error(`Q8_0 needs a multiple of ${Q8_0_BLOCK} values, got ${values.length}`);
  const blocks = values.length / Q8_0_BLOCK;
  const scales = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) {
    let amax = 0;
    for (let i = b * Q8_0_BLOCK; i < (b + 1) * Q8_0_BLOCK; i++) amax = Math.max(amax, Math.abs(values[i] ?? 0));
    scales[b] = amax / 127;
  }
  const halves = float32ToFloat16Bits(scales);
  const out = new Uint8Array(blocks * Q8_0_BLOCK_BYTES);
  const view = new DataView(out.buffer);
  for (let b = 0; b < blocks; b++) {
    const d = scales[b] ?? 0;
    const inv = d > 0 ? 1 / d : 0;
    const at = b * Q8_0_BLOCK_BYTES;
    view.setUint16(at, halves[b] ?? 0, true);
    for (let i = 0; i < Q8_0_BLOCK; i++) {
      const x = (values[b * Q8_0_BLOCK + i] ?? 0) * inv;
      // C's roundf: halves away from zero (Math.round would send -0.5 to 0).
      view.setInt8(at + 2 + i, Math.sign(x) * Math.round(Math.abs(x)));
    }
  }
  return out;
}
