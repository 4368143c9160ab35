import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../../electron/core/search/fusion.ts';

const list = (...ids: number[]) => ids.map((id, i) => ({ id, score: 100 - i }));

describe('reciprocalRankFusion', () => {
  it('sums 1/(k + rank) over the lists an id appears in', () => {
    const fused = reciprocalRankFusion([list(1, 2, 3), list(3, 1)], 60);
    const score = new Map(fused.map((item) => [item.id, item.score]));
    expect(score.get(1)).toBeCloseTo(1 / 61 + 1 / 62);
    expect(score.get(3)).toBeCloseTo(1 / 63 + 1 / 61);
    expect(score.get(2)).toBeCloseTo(1 / 62);
    expect(fused.map((item) => item.id)).toEqual([1, 3, 2]);
  });

  it('ignores raw scores: only ranks matter', () => {
    const a = reciprocalRankFusion([[{ id: 7, score: 1e9 }, { id: 8, score: 1 }]]);
    const b = reciprocalRankFusion([[{ id: 7, score: 0.2 }, { id: 8, score: 0.1 }]]);
    expect(a).toEqual(b);
  });

  it('breaks ties by best single rank, then by id, so the order is stable', () => {
    // 5 is first in one list, 6 first in the other: equal fused scores, equal best ranks → lower id first.
    expect(reciprocalRankFusion([list(5, 6), list(6, 5)]).map((item) => item.id)).toEqual([5, 6]);
    // 9 appears once at rank 1; 4 appears twice at rank 3 (2/63 > 1/61): more evidence wins.
    expect(reciprocalRankFusion([list(9, 1, 4), list(2, 3, 4)]).map((item) => item.id)[0]).toBe(4);
  });

  it('handles empty input', () => {
    expect(reciprocalRankFusion([])).toEqual([]);
    expect(reciprocalRankFusion([[], []])).toEqual([]);
  });
});
