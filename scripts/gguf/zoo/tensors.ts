import { fnv1a } from '../random-tensor.ts';
import type { GgufTensor, GgufTensorType } from '../types.ts';

/**
 * Tensor makers shared by the zoo's builders. Values are drawn only when the tensor is written (see GgufTensor),
 * so a real-size model streams to disk without holding its weights.
 */
export interface TensorMaker {
  /** A weight matrix (or embedding) of the model's storage type with std `std`; falls back to F16 where Q8_0 cannot hold the rows. */
  matrix(name: string, dims: readonly number[], std: number): GgufTensor;
  /** A matrix kept in F32 whatever the model's storage type. */
  matrixF32(name: string, dims: readonly number[], std: number): GgufTensor;
  /** A 1-D F32 vector filled with `value` (norm weights 1, biases 0), as converters store them. */
  filled(name: string, n: number, value: number): GgufTensor;
  /** A 1-D F32 vector of small random values. */
  vector(name: string, n: number, std: number): GgufTensor;
}

export function tensorMaker(seed: number, type: GgufTensorType): TensorMaker {
  return {
    matrix(name, dims, std) {
      const stored: GgufTensorType = type === 'Q8_0' && (dims[0] ?? 0) % 32 !== 0 ? 'F16' : type;
      const count = dims.reduce((n, d) => n * d, 1);
      const row = dims[0] ?? count;
      const data = count > TILE_ABOVE && row <= POOL ? () => tiledValues(name, count, row, seed, std) : () => uniformValues(name, count, seed, std);
      return { name, dims, type: stored, data };
    },
    matrixF32(name, dims, std) {
      return { name, dims, type: 'F32', data: () => uniformValues(name, dims.reduce((n, d) => n * d, 1), seed, std) };
    },
    filled(name, n, value) {
      return { name, dims: [n], type: 'F32', data: () => new Float32Array(n).fill(value) };
    },
    vector(name, n, std) {
      return { name, dims: [n], type: 'F32', data: () => uniformValues(name, n, seed, std) };
    },
  };
}

/** `general.file_type` (llama_ftype) for the storage type: ALL_F32 0, MOSTLY_F16 1, MOSTLY_Q8_0 7. */
export function fileTypeOf(type: GgufTensorType): number {
  return { F32: 0, F16: 1, Q8_0: 7 }[type];
}

/** Std of a freshly initialised layer with `fanIn` inputs: keeps activations at unit scale through the blocks. */
export function initStd(fanIn: number): number {
  return 1 / Math.sqrt(fanIn);
}

/** Tensors above this many values are tiled from a pool (see tiledValues). */
const TILE_ABOVE = 1 << 22;
const POOL = 1 << 20;

/**
 * Values for a big tensor: each row is a window of a pool of 2^20 uniform values, at a pseudo-random offset.
 * Rows differ and have the same statistics as freshly drawn ones, and filling costs a copy per row instead of a
 * draw per value: the tiny zoo's token embeddings (up to 262,144 rows) and real-size models generate in a
 * fraction of the time. Only speed depends on these weights, never results.
 */
function tiledValues(name: string, count: number, row: number, seed: number, std: number): Float32Array {
  const pool = uniformValues(`${name}#pool`, POOL + row, seed, std);
  const offsets = uniformValues(`${name}#offsets`, count / row, seed, 1);
  const out = new Float32Array(count);
  const span = POOL / (2 * Math.sqrt(3));
  for (let r = 0; r < count / row; r++) {
    // offsets are uniform with std 1, i.e. on [-√3, √3]: map them onto [0, POOL).
    const at = Math.min(POOL - 1, Math.floor(((offsets[r] ?? 0) + Math.sqrt(3)) * span));
    // A plain loop: a subarray object per row costs more than copying a short row.
    for (let i = 0, o = r * row; i < row; i++) out[o + i] = pool[at + i] ?? 0;
  }
  return out;
}

/**
 * `count` uniform values with standard deviation `std`, from a xorshift32 stream seeded by (seed, name): the
 * same tensor always gets the same values, whatever else the model holds. Inlined rather than scripts/gguf's
 * mulberry32 stream because the zoo draws hundreds of millions of weights and this is several times faster.
 */
export function uniformValues(name: string, count: number, seed: number, std: number): Float32Array {
  let x = (fnv1a(name) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0 || 0x2545f491;
  const scale = (2 * std * Math.sqrt(3)) / 4294967296;
  const offset = std * Math.sqrt(3);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (x >>> 0) * scale - offset;
  }
  return out;
}
