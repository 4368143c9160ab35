/**
 * The relevance gate's evidence over a real index: document frequencies from the full-text index, the
 * query–passage cosine from the query embedder and the stored vectors, and thresholds from the index's meta
 * table. The engine builds it once; every part reads the index as it is at question time.
 */
import type { SearchHit } from '../search/searcher.ts';
import type { Store } from '../store/sqlite/store.ts';
import type { Embedder } from '../types.ts';
import type { VectorIndex } from '../ports.ts';

/** The part of the vector index the gate reads: the stored vectors' fingerprint and exact cosines. */
export type VectorSimilarities = Pick<VectorIndex, 'vectorState' | 'similarities'>;
import type { QuerySimilarity, RelevanceEvidence } from './relevance-gate.ts';
import { resolveThresholds } from './relevance-thresholds.ts';

export interface QueryEmbedding {
  readonly embedder: Embedder;
  /** The fingerprint of the embedder's vectors (model, dimensions, chunking). */
  readonly fingerprint: string;
}

export function relevanceEvidence(
  store: Pick<Store, 'termStats' | 'meta' | 'search'>,
  vectors: VectorSimilarities,
  embedding?: QueryEmbedding,
  /** termStatistics false: `store` does not hold the passages searched (a shared index), so its term counts say nothing. */
  options: { readonly termStatistics?: boolean } = {},
): RelevanceEvidence {
  return {
    ...(options.termStatistics === false
      ? {}
      : {
          termStatistics: (terms: readonly string[]) => store.termStats.frequencies(terms),
          // Terms hold only letters and digits, so quoting them makes an FTS5 phrase.
          phrases: (terms: readonly string[]) => store.search.matchCountUpTo(`"${terms.join(' ')}"`, 1) > 0,
        }),
    similarity: embedding ? embeddingSimilarity(embedding, vectors) : undefined,
    thresholds: (models) => resolveThresholds(store.meta, models),
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
