import { describe, expect, it } from 'vitest';
import { rememberingLastQuery } from '../../../electron/core/search/last-query-embedder.ts';
import type { Embedder } from '../../../electron/core/types.ts';

function countingEmbedder(fail = false): Embedder & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    modelId: 'counting.gguf',
    dimensions: 2,
    embedDocuments: async (texts) => texts.map(() => new Float32Array(2)),
    embedQuery: async (text) => {
      queries.push(text);
      if (fail) throw new Error('embedding failed');
      return new Float32Array([text.length, 1]);
    },
    dispose: async () => undefined,
  };
}

describe('rememberingLastQuery', () => {
  it('embeds the same question once, and a new one again', async () => {
    const inner = countingEmbedder();
    const embedder = rememberingLastQuery(inner);
    const first = await embedder.embedQuery('how do I reset it');
    expect(await embedder.embedQuery('how do I reset it')).toBe(first);
    await embedder.embedQuery('another question');
    await embedder.embedQuery('how do I reset it');
    expect(inner.queries).toEqual(['how do I reset it', 'another question', 'how do I reset it']);
  });

  it('does not remember a failure', async () => {
    const inner = countingEmbedder(true);
    const embedder = rememberingLastQuery(inner);
    await expect(embedder.embedQuery('q')).rejects.toThrow('embedding failed');
    await expect(embedder.embedQuery('q')).rejects.toThrow('embedding failed');
    expect(inner.queries).toEqual(['q', 'q']);
  });
});
