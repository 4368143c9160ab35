/**
 * Shapes of a GGUF document as our writer takes it. Plain data so model builders stay pure and testable.
 * Spec: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
 */

/** Scalar value types whose payload is a JS number. */
export type GgufNumberType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

/** 64-bit integers need bigint to round-trip exactly. */
export type GgufBigIntType = 'uint64' | 'int64';

export type GgufValue =
  | { readonly type: GgufNumberType; readonly value: number }
  | { readonly type: GgufBigIntType; readonly value: bigint }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'array'; readonly itemType: 'string'; readonly value: readonly string[] }
  | { readonly type: 'array'; readonly itemType: 'bool'; readonly value: readonly boolean[] }
  | { readonly type: 'array'; readonly itemType: GgufNumberType; readonly value: ArrayLike<number> };

/**
 * Tensor element types we can write: the two float types, and Q8_0 (ggml's 8-bit block quantisation: blocks of
 * 32 values stored as an f16 scale and 32 int8), which real-size benchmark models use.
 */
export type GgufTensorType = 'F32' | 'F16' | 'Q8_0';

export interface GgufTensor {
  readonly name: string;
  /** ggml order: dims[0] is the fastest-moving axis (ne0), i.e. the input width of a weight matrix. */
  readonly dims: readonly number[];
  readonly type: GgufTensorType;
  /**
   * Row-major in ggml order; length must equal the product of `dims`. A function is called only when the tensor
   * is written, so a multi-GB model never holds all its weights in memory at once.
   */
  readonly data: Float32Array | (() => Float32Array);
}

export interface GgufDocument {
  /** Written in insertion order. `general.alignment` (uint32), if present, sets the data alignment. */
  readonly metadata: Readonly<Record<string, GgufValue>>;
  readonly tensors: readonly GgufTensor[];
}
