/**
 * One question's vector, embedded once: search embeds the query, and the relevance gate compares the same
 * query with the passages found. The last query's vector is kept (one entry: questions come one at a time).
 */
import type { Embedder } from '../types.ts';

export function rememberingLastQuery(embedder: Embedder): Embedder {
  let last: { readonly text: string; readonly vector: Promise<Float32Array> } | undefined;
  return {
    modelId: embedder.modelId,
    dimensions: embedder.dimensions,
    embedDocuments: (texts) => embedder.embedDocuments(texts),
    embedQuery(text) {
      if (last?.text === text) return last.vector;
      const vector = embedder.embedQuery(text);
      const entry = { text, vector };
      last = entry;
      // A failed embedding is not remembered: the next ask tries again.
      vector.catch(() => {
        if (last === entry) last = undefined;
      });
      return vector;
    },
    dispose: () => embedder.dispose(),
  };
}
