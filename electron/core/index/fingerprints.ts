/**
 * Fingerprints decide what must be redone. The chunk fingerprint covers everything that shapes chunks and the
 * full-text terms (chunker and analyser versions, chunk sizes); the embedding fingerprint adds the model.
 * A change of either marks documents stale, so they are re-chunked or re-embedded on the next run.
 */
import type { ChunkingOptions } from '../types.ts';

/** Bump when chunking or text analysis changes in a way that alters stored chunks or terms. */
export const PIPELINE_VERSION = 2;

export function chunkFingerprint(options: ChunkingOptions): string {
  return digest({ pipeline: PIPELINE_VERSION, maxTokens: options.maxTokens, overlapTokens: options.overlapTokens });
}

export function embeddingFingerprint(modelId: string, dimensions: number, chunkPrint: string): string {
  return digest({ modelId, dimensions, chunks: chunkPrint });
}

function digest(value: unknown): string {
  // node:crypto is loaded at the first digest, not on import: `trove search` imports this module without hashing
  // anything, and crypto's twenty internal modules would cost every start (docs/benchmarks.md, "Start-up").
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}
