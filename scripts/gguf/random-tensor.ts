import { mulberry32 } from '../../electron/core/random.ts';
import type { GgufTensor, GgufTensorType } from './types.ts';

/**
 * A tensor of uniform random values with the given standard deviation. Each tensor draws from its own stream,
 * seeded by (model seed, tensor name), so adding or reordering tensors never changes the others' values.
 * Uniform on [-a, a] has std a/√3, hence a = std·√3.
 */
export function randomTensor(name: string, dims: readonly number[], seed: number, std: number, type: GgufTensorType = 'F32'): GgufTensor & { readonly data: Float32Array } {
  return { name, dims, type, data: randomValues(name, dims.reduce((n, d) => n * d, 1), seed, std) };
}

/** The values of `randomTensor`, for builders that draw them only when the tensor is written. */
export function randomValues(name: string, count: number, seed: number, std: number): Float32Array {
  const next = mulberry32(fnv1a(name) ^ Math.imul(seed >>> 0, 0x9e3779b1));
  const a = std * Math.sqrt(3);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = (next() * 2 - 1) * a;
  return data;
}

/** 32-bit FNV-1a over UTF-16 code units: a stable, dependency-free string hash for seeding. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
