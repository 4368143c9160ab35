import { describe, expect, it } from 'vitest';
import { BGE_QUERY_INSTRUCTION, embeddingPrefixesFor, NO_PREFIXES } from '../../../electron/core/models/embedding-prefixes.ts';

const id = (architecture: string | undefined, name: string | undefined, fileName: string, basename?: string) => ({ architecture, name, basename, fileName });

describe('embeddingPrefixesFor', () => {
  it('gives nomic-embed-text its task prefixes, by architecture or by name', () => {
    const nomic = { query: 'search_query: ', document: 'search_document: ' };
    expect(embeddingPrefixesFor(id('nomic-bert', 'Nomic Embed Text v1.5', 'nomic-embed-text-v1.5.f16.gguf'))).toEqual({ prefixes: nomic, family: 'nomic-embed-text' });
    expect(embeddingPrefixesFor(id('nomic-bert', undefined, 'model.gguf')).prefixes).toEqual(nomic);
    expect(embeddingPrefixesFor(id('bert', undefined, 'nomic-embed-text-v1.Q8_0.gguf')).prefixes).toEqual(nomic);
  });

  it('gives the English bge v1.5 models their query instruction and leaves documents alone', () => {
    const bge = { query: BGE_QUERY_INSTRUCTION, document: '' };
    expect(embeddingPrefixesFor(id('bert', 'Bge Small En v1.5', 'x.gguf', 'bge')).prefixes).toEqual(bge);
    expect(embeddingPrefixesFor(id('bert', undefined, 'bge-base-en-v1.5-q8_0.gguf')).prefixes).toEqual(bge);
    expect(embeddingPrefixesFor(id('bert', 'bge-large-en-v1.5', 'model.gguf')).prefixes).toEqual(bge);
  });

  it('adds nothing for families trained without prefixes', () => {
    // bge-m3 and the bge rerankers take no instruction; an unknown model gets none rather than a guess.
    expect(embeddingPrefixesFor(id('bert', 'Bge M3', 'bge-m3-Q8_0.gguf'))).toEqual({ prefixes: NO_PREFIXES, family: undefined });
    expect(embeddingPrefixesFor(id('bert', 'bge-reranker-v2-m3', 'bge-reranker-v2-m3-Q8_0.gguf')).prefixes).toEqual(NO_PREFIXES);
    expect(embeddingPrefixesFor(id('bert', 'all-MiniLM-L6-v2', 'all-minilm.gguf')).prefixes).toEqual(NO_PREFIXES);
    // The name alone does not make a llama chat model a bge embedder.
    expect(embeddingPrefixesFor(id('llama', 'bge-small-en-v1.5', 'bge-small-en-v1.5.gguf')).prefixes).toEqual(NO_PREFIXES);
  });
});
