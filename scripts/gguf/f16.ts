/**
 * float32 → IEEE 754 half precision bits, round-to-nearest-even, as ggml's own conversion does, so an F16
 * tensor we write holds the same values llama.cpp would produce when converting.
 */
export function float32ToFloat16Bits(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  // Read the float bits in place (a view, no copy): this runs over hundreds of millions of weights.
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  for (let i = 0; i < values.length; i++) {
    const x = bits[i] ?? 0;
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) {
      // Inf stays Inf; NaN keeps a quiet-NaN payload bit so it does not turn into Inf.
      out[i] = sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
      continue;
    }
    const e = exp - 127 + 15;
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00; // overflow → ±Inf
      continue;
    }
    if (e <= 0) {
      // Subnormal half (or zero): shift the implicit-1 mantissa into place, rounding to nearest even.
      if (e < -10) {
        out[i] = sign;
        continue;
      }
      mant |= 0x800000;
      const shift = 14 - e;
      const half = 1 << (shift - 1);
      const rest = mant & ((1 << shift) - 1);
      let m = mant >>> shift;
      if (rest > half || (rest === half && (m & 1) === 1)) m++;
      out[i] = sign | m;
      continue;
    }
    let h = (e << 10) | (mant >>> 13);
    const rest = mant & 0x1fff;
    // A carry out of the mantissa correctly bumps the exponent (and may reach Inf).
    if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h++;
    out[i] = sign | h;
  }
  return out;
}
