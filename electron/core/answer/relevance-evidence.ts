/**
 * The relevance gate's evidence over a real index, local or shared: document frequencies and phrases from the
 * full-text index, the query–passage cosine from the query embedder and the stored vectors, and thresholds
 * from this computer's settings (meta table). The engine builds it once; every part reads the index as it is
 * at question time.
 */
import type { LexicalIndex, VectorIndex } from '../ports.ts';
import type { SearchHit } from '../search/searcher.ts';
import type { Embedder } from '../types.ts';
import type { QuerySimilarity, RelevanceEvidence } from './relevance-gate.ts';
import { resolveThresholds, type SettingsTable } from './relevance-thresholds.ts';

/** The part of the vector index the gate reads: the stored vectors' fingerprint and exact cosines. */
export type VectorSimilarities = Pick<VectorIndex, 'vectorState' | 'similarities'>;

/** What the gate reads of the index searched. */
export type RelevanceIndex = Pick<LexicalIndex, 'termFrequencies' | 'holdsPhrase'> & VectorSimilarities;

export interface QueryEmbedding {
  readonly embedder: Embedder;
  /** The fingerprint of the embedder's vectors (model, dimensions, chunking). */
  readonly fingerprint: string;
}

export function relevanceEvidence(settings: SettingsTable, index: RelevanceIndex, embedding?: QueryEmbedding): RelevanceEvidence {
  return {
    termStatistics: (terms) => index.termFrequencies(terms),
    ...(index.holdsPhrase ? { phrases: index.holdsPhrase.bind(index) } : {}),
    similarity: embedding ? embeddingSimilarity(embedding, index) : undefined,
    thresholds: (models) => resolveThresholds(settings, models),
  };
}

/**
 * Cosine of the query's vector with each passage's stored full-precision vector. Only vectors of the
 * embedder's own fingerprint are comparable: while the index holds another model's (not yet re-embedded),
 * there is no similarity, and the gate goes by the other signals.
 */
export function embeddingSimilarity(embedding: QueryEmbedding, vectors: VectorSimilarities): QuerySimilarity {
  return {
    fingerprint: embedding.fingerprint,
    async similarities(query: string, hits: readonly SearchHit[]): Promise<(number | undefined)[]> {
      if (hits.length === 0 || (await vectors.vectorState()).fingerprint !== embedding.fingerprint) return hits.map(() => undefined);
      const vector = await embedding.embedder.embedQuery(query);
      const ids = hits.map((hit) => hit.chunkId);
      const scores = new Map((await vectors.similarities(vector, ids)).map((row) => [row.id, row.score]));
      return hits.map((hit) => scores.get(hit.chunkId));
    },
  };
}
