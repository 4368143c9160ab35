/** The chunk size every index uses unless told otherwise (in its own module: the engine needs it without the chunker). */
import type { ChunkingOptions } from '../types.ts';

/**
 * 400 tokens: small embedding models (MiniLM, bge-small, e5-small, nomic) read at most 512 tokens and silently
 * drop the rest. The estimate errs ~10–20% high on prose, but a WordPiece vocabulary can still need more tokens
 * than estimated on unusual text, and the model adds special tokens and sometimes an instruction prefix; 400
 * leaves that headroom. It is also ~300 words — a few paragraphs — small enough that a citation points at the
 * passage that answers, large enough to carry its context.
 * 60 tokens of overlap (15%): two or three sentences, so a statement cut by a boundary is whole on one side,
 * while the index grows by at most ~15%.
 */
export const DEFAULT_CHUNKING: ChunkingOptions = { maxTokens: 400, overlapTokens: 60 };
