import type { GgufValue } from './types.ts';

/**
 * Short constructors for metadata values, so model builders read like the key tables in the GGUF spec
 * (`gguf.u32(64)` rather than `{ type: 'uint32', value: 64 }`).
 */
export const gguf = {
  u32: (value: number): GgufValue => ({ type: 'uint32', value }),
  i32: (value: number): GgufValue => ({ type: 'int32', value }),
  u64: (value: bigint): GgufValue => ({ type: 'uint64', value }),
  f32: (value: number): GgufValue => ({ type: 'float32', value }),
  bool: (value: boolean): GgufValue => ({ type: 'bool', value }),
  str: (value: string): GgufValue => ({ type: 'string', value }),
  strArray: (value: readonly string[]): GgufValue => ({ type: 'array', itemType: 'string', value }),
  f32Array: (value: ArrayLike<number>): GgufValue => ({ type: 'array', itemType: 'float32', value }),
  i32Array: (value: ArrayLike<number>): GgufValue => ({ type: 'array', itemType: 'int32', value }),
  u32Array: (value: ArrayLike<number>): GgufValue => ({ type: 'array', itemType: 'uint32', value }),
} as const;
