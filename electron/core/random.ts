/**
 * mulberry32: a tiny, fast 32-bit PRNG. Test models and evaluation resampling must be reproducible on every machine,
 * which Math.random cannot give; this uses only 32-bit integer arithmetic, so its output is fully specified.
 * Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
