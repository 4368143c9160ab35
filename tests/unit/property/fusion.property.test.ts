/**
 * Reciprocal rank fusion, as properties over random ranked lists: the order the lists come in does not matter,
 * moving an item up in one list never lowers its fused rank, and the output is every input id exactly once,
 * best first.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../../electron/core/search/fusion.ts';
import type { ScoredId } from '../../../electron/core/ports.ts';

/** A ranked list: distinct ids (a retriever never returns one chunk twice), with arbitrary raw scores. */
const rankedList = fc
  .uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 25 })
  .chain((ids) => fc.tuple(fc.constant(ids), fc.array(fc.double({ noNaN: true, min: -10, max: 10 }), { minLength: ids.length, maxLength: ids.length })))
  .map(([ids, scores]) => ids.map((id, i): ScoredId => ({ id, score: scores[i] ?? 0 })));
const lists = fc.array(rankedList, { minLength: 1, maxLength: 4 });
const k = fc.integer({ min: 1, max: 100 });

const positionOf = (fused: readonly ScoredId[], id: number) => fused.findIndex((item) => item.id === id);

describe('reciprocalRankFusion properties', () => {
  it('is invariant under the order of the lists', () => {
    fc.assert(
      fc.property(lists.chain((ls) => fc.tuple(fc.constant(ls), fc.shuffledSubarray(ls, { minLength: ls.length, maxLength: ls.length }))), k, ([original, shuffled], rrfK) => {
        const a = reciprocalRankFusion(original, rrfK);
        const b = reciprocalRankFusion(shuffled, rrfK);
        expect(b.map((item) => item.id)).toEqual(a.map((item) => item.id));
        b.forEach((item, i) => expect(item.score).toBeCloseTo(a[i]?.score ?? Number.NaN, 12));
      }),
    );
  });

  it('returns every input id exactly once, with scores in descending order', () => {
    fc.assert(
      fc.property(lists, k, (input, rrfK) => {
        const fused = reciprocalRankFusion(input, rrfK);
        const ids = fused.map((item) => item.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set(input.flat().map((item) => item.id)));
        for (let i = 1; i < fused.length; i++) expect(fused[i]!.score).toBeLessThanOrEqual(fused[i - 1]!.score);
      }),
    );
  });

  it('two ids at the same ranks (in different lists) tie exactly, and the lower id goes first', () => {
    // Found by this test: summing in list order made such ties differ in the last bit (e.g. ranks 1, 2, 8).
    const ranks = fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(ranks, fc.integer({ min: 1, max: 4 }), fc.boolean(), k, (xRanks, shift, lowFirst, rrfK) => {
        // Y takes X's ranks rotated across the lists: the same multiset, never the same slot in one list.
        const yRanks = xRanks.map((_, i) => xRanks[(i + (shift % (xRanks.length - 1)) + 1) % xRanks.length] as number);
        const [x, y] = lowFirst ? [1, 2] : [2, 1];
        const input = xRanks.map((xRank, i) => {
          const list = Array.from({ length: 20 }, (_, j): ScoredId => ({ id: 100 + j, score: 0 }));
          list[xRank - 1] = { id: x, score: 0 };
          list[(yRanks[i] as number) - 1] = { id: y, score: 0 };
          return list;
        });
        const fused = reciprocalRankFusion(input, rrfK);
        expect(fused[positionOf(fused, 1)]?.score).toBe(fused[positionOf(fused, 2)]?.score);
        expect(positionOf(fused, 1)).toBeLessThan(positionOf(fused, 2));
      }),
    );
  });

  it('moving an item up in one list never lowers its fused rank', () => {
    const withMove = lists.chain((input) => {
      const movable = input.flatMap((list, l) => list.map((_, index) => [l, index] as const).filter(([, index]) => index > 0));
      if (movable.length === 0) return fc.constant(undefined);
      return fc.tuple(fc.constant(input), fc.constantFrom(...movable), fc.integer({ min: 1, max: 25 }));
    });
    fc.assert(
      fc.property(withMove, k, (move, rrfK) => {
        if (!move) return;
        const [input, [listIndex, from], steps] = move;
        const list = input[listIndex] as ScoredId[];
        const item = list[from] as ScoredId;
        const to = Math.max(0, from - steps);
        const moved = [...list.slice(0, to), item, ...list.slice(to, from), ...list.slice(from + 1)];
        const after = input.map((l, i) => (i === listIndex ? moved : l));
        expect(positionOf(reciprocalRankFusion(after, rrfK), item.id)).toBeLessThanOrEqual(positionOf(reciprocalRankFusion(input, rrfK), item.id));
      }),
    );
  });
});
