/**
 * The arithmetic behind quantised vector search: 1-bit codes for the fast first pass and exact cosine for
 * rescoring. Pure functions, no SQLite, so they are easy to test and to reuse in benchmarks.
 *
 * A code holds one bit per dimension: set when the value lies above the centre (the mean of the stored
 * vectors). Centring matters because embedding models put most vectors in one narrow cone; the sign of the
 * raw values then says more about the cone than about the vector, and Hamming distance loses its meaning.
 */

/** Bytes of a code for `dimensions` (vec0 `bit[N]` needs N divisible by 8: the last byte is zero-padded). */
export function codeBytes(dimensions: number): number {
  return Math.ceil(dimensions / 8);
}

/** The 1-bit code of `vector` relative to `centre` (all zeros when there is no centre yet). */
export function binaryCode(vector: Float32Array, centre?: Float32Array): Uint8Array {
  const code = new Uint8Array(codeBytes(vector.length));
  for (let i = 0; i < vector.length; i++) {
    if ((vector[i] as number) > (centre?.[i] ?? 0)) code[i >> 3] = (code[i >> 3] as number) | (1 << (i & 7));
  }
  return code;
}

/** Cosine similarity (1 = same direction); 0 when either vector is all zeros. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** The bytes SQLite stores for a float vector. */
export function vectorBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** A float vector from a stored BLOB (copied when the bytes are not 4-byte aligned). */
export function blobVector(blob: Buffer): Float32Array {
  const aligned = blob.byteOffset % 4 === 0 ? blob : Buffer.from(blob);
  return new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}

/** Running mean of vectors, in doubles so a million additions do not drift. */
export class MeanAccumulator {
  private readonly sum: Float64Array;
  private count = 0;

  constructor(dimensions: number) {
    this.sum = new Float64Array(dimensions);
  }

  add(vector: Float32Array): void {
    for (let i = 0; i < this.sum.length; i++) this.sum[i] = (this.sum[i] as number) + (vector[i] as number);
    this.count += 1;
  }

  mean(): Float32Array {
    return Float32Array.from(this.sum, (value) => (this.count === 0 ? 0 : value / this.count));
  }
}
