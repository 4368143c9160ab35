import { describe, expect, it } from 'vitest';
import { defaultThreadCount, embeddingThreadCount } from '../../../native/llama/threads.ts';

describe('embeddingThreadCount', () => {
  it('leaves one core to the indexing pipeline, keeps at least one thread and at most four', () => {
    expect([1, 2, 3, 4, 5, 8, 64].map((cores) => embeddingThreadCount(cores))).toEqual([1, 1, 2, 3, 4, 4, 4]);
  });

  it('never asks for more threads than the runtime default on this machine', () => {
    expect(embeddingThreadCount()).toBeLessThanOrEqual(defaultThreadCount());
  });
});
