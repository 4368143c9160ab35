import { createHash } from 'node:crypto';
import type { Embedder } from '../../electron/core/types.ts';

/**
 * A deterministic bag-of-words embedder for tests of the store and search plumbing: texts sharing words get
 * close vectors. The real model path is covered by tests with the generated GGUF model.
 */
export class HashingEmbedder implements Embedder {
  readonly modelId: string;
  calls = 0;

  constructor(readonly dimensions = 32, name = 'hashing') {
    this.modelId = `${name}-${dimensions}`;
  }

  async embedDocuments(texts: readonly string[]): Promise<Float32Array[]> {
    this.calls += 1;
    return texts.map((text) => this.vector(text));
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.vector(text);
  }

  async dispose(): Promise<void> {}

  private vector(text: string): Float32Array {
    const vector = new Float32Array(this.dimensions);
    for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
      const bucket = createHash('md5').update(word).digest().readUInt32LE(0) % this.dimensions;
      vector[bucket] = (vector[bucket] ?? 0) + 1;
    }
    const norm = Math.hypot(...vector) || 1;
    return vector.map((value) => value / norm);
  }
}
