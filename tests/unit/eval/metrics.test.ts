// Retrieval metrics on cases computed by hand (values written out as the arithmetic they come from).
import { describe, expect, it } from 'vitest';
import { hitAt, mrrAt, ndcgAt, recallAt } from '../../../electron/core/eval/metrics.ts';

const judged = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('nDCG@k', () => {
  it('uses linear gains with graded relevance', () => {
    // DCG = 1/log2(2) + 0/log2(3) + 2/log2(4) = 1 + 0 + 1 = 2; ideal order c(2), a(1): 2/1 + 1/log2(3).
    const ideal = 2 + 1 / Math.log2(3);
    expect(ndcgAt(['a', 'b', 'c'], judged({ a: 1, c: 2 }), 10)).toBeCloseTo(2 / ideal, 10);
  });

  it('is 1 for the ideal ranking and 0 with nothing relevant retrieved', () => {
    expect(ndcgAt(['c', 'a', 'x'], judged({ a: 1, c: 2 }), 10)).toBeCloseTo(1, 10);
    expect(ndcgAt(['x', 'y'], judged({ a: 1 }), 10)).toBe(0);
    expect(ndcgAt(['a'], judged({}), 10)).toBe(0);
  });

  it('cuts at k, for the ranking and for the ideal', () => {
    // Only rank 1 counts at k = 1: DCG = 0 (b is not relevant).
    expect(ndcgAt(['b', 'a'], judged({ a: 1 }), 1)).toBe(0);
    // Three relevant documents but k = 2: ideal DCG counts two of them, so two hits at the top give 1.
    expect(ndcgAt(['a', 'b', 'x'], judged({ a: 1, b: 1, c: 1 }), 2)).toBeCloseTo(1, 10);
  });

  it('counts a document once, at its best rank (tied chunks of one document)', () => {
    // [a, a, b] → [a, b]: DCG = 1 + 1/log2(3) = ideal.
    expect(ndcgAt(['a', 'a', 'b'], judged({ a: 1, b: 1 }), 10)).toBeCloseTo(1, 10);
  });

  it('treats grade 0 (judged not relevant) like unjudged', () => {
    expect(ndcgAt(['z', 'a'], judged({ z: 0, a: 1 }), 10)).toBeCloseTo(1 / Math.log2(3), 10);
  });
});

describe('Recall@k', () => {
  it('is the share of relevant documents in the top k', () => {
    expect(recallAt(['a', 'x', 'b', 'c'], judged({ a: 1, b: 2, c: 1 }), 2)).toBeCloseTo(1 / 3, 10);
    expect(recallAt(['a', 'x', 'b', 'c'], judged({ a: 1, b: 2, c: 1 }), 4)).toBe(1);
  });

  it('ignores grade-0 judgments and duplicate hits', () => {
    expect(recallAt(['a', 'a', 'a'], judged({ a: 1, b: 1, z: 0 }), 2)).toBe(0.5);
  });
});

describe('MRR@k', () => {
  it('is 1 / rank of the first relevant document within k', () => {
    expect(mrrAt(['x', 'y', 'a'], judged({ a: 1 }), 10)).toBeCloseTo(1 / 3, 10);
    expect(mrrAt(['a'], judged({ a: 1 }), 10)).toBe(1);
    expect(mrrAt(['x', 'a'], judged({ a: 1 }), 1)).toBe(0);
  });

  it('ranks a repeated document at its first appearance', () => {
    // [x, x, a] → [x, a]: a is second.
    expect(mrrAt(['x', 'x', 'a'], judged({ a: 1 }), 10)).toBe(0.5);
  });
});

describe('hit@k', () => {
  it('is 1 when any of the first k passages is judged, counting passages of one document separately', () => {
    // Four passages of the unjudged document x push the judged one to rank 5 (in) or 6 (out).
    expect(hitAt(['x', 'x', 'x', 'x', 'a'], judged({ a: 1 }), 5)).toBe(1);
    expect(hitAt(['x', 'x', 'x', 'x', 'x', 'a'], judged({ a: 1 }), 5)).toBe(0);
    expect(hitAt(['b'], judged({ a: 1, b: 0 }), 5)).toBe(0);
    expect(hitAt([], judged({ a: 1 }), 5)).toBe(0);
  });
});
