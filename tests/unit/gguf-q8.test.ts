import { describe, expect, it } from 'vitest';
import { encodeQ8_0, Q8_0_BLOCK, Q8_0_BLOCK_BYTES } from '../../scripts/gguf/q8.ts';
import { serializeGguf } from '../../scripts/gguf/writer.ts';

/** ggml's dequantize_row_q8_0: value = d · q, d an f16 at the start of each 34-byte block. */
function decodeQ8_0(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array((bytes.length / Q8_0_BLOCK_BYTES) * Q8_0_BLOCK);
  for (let b = 0; b < bytes.length / Q8_0_BLOCK_BYTES; b++) {
    const d = halfToFloat(view.getUint16(b * Q8_0_BLOCK_BYTES, true));
    for (let i = 0; i < Q8_0_BLOCK; i++) out[b * Q8_0_BLOCK + i] = d * view.getInt8(b * Q8_0_BLOCK_BYTES + 2 + i);
  }
  return out;
}

function halfToFloat(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * mant * 2 ** -24;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

describe('Q8_0 block quantisation', () => {
  it('stores 32 values as an f16 scale and 32 int8, within half a step of each value', () => {
    const values = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i) * (i < 32 ? 0.5 : 3));
    const bytes = encodeQ8_0(values);
    expect(bytes.length).toBe(2 * Q8_0_BLOCK_BYTES);
    const decoded = decodeQ8_0(bytes);
    for (let b = 0; b < 2; b++) {
      const block = values.subarray(b * 32, (b + 1) * 32);
      const step = Math.max(...block.map(Math.abs)) / 127;
      // The largest magnitude maps to ±127; every value is within half a step (plus the f16 rounding of the step).
      expect(Math.max(...new Int8Array(bytes.buffer, b * Q8_0_BLOCK_BYTES + 2, 32).map(Math.abs))).toBe(127);
      block.forEach((v, i) => expect(Math.abs((decoded[b * 32 + i] ?? 0) - v)).toBeLessThanOrEqual(step * 0.51));
    }
  });

  it('writes an all-zero block with a zero scale', () => {
    expect([...encodeQ8_0(new Float32Array(32))]).toEqual(new Array(34).fill(0));
  });

  it('refuses rows that are not whole blocks', () => {
    expect(() => serializeGguf({ metadata: {}, tensors: [{ name: 'w', dims: [48, 2], type: 'Q8_0', data: new Float32Array(96) }] })).toThrow(/multiple of 32/);
  });
});
