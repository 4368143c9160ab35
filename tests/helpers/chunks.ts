import type { Chunk } from '../../electron/core/types.ts';

/** Chunks for store tests: one per text, each on its own line. */
export function chunksOf(...texts: string[]): Chunk[] {
  return texts.map((text, seq) => ({
    seq,
    text,
    headingPath: [],
    startLine: seq + 1,
    endLine: seq + 1,
    startChar: 0,
    endChar: text.length,
    tokens: text.split(/\s+/).length,
  }));
}
