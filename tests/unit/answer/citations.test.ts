import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCitations, CitationStreamFilter } from '../../../electron/core/answer/citations.ts';

describe('checkCitations', () => {
  it('keeps citations of given sources and removes and counts the others', () => {
    const result = checkCitations('Twenty days [1]. Carry-over until March [2][7]. Per policy [0].', 2);
    expect(result).toEqual({ text: 'Twenty days [1]. Carry-over until March [2]. Per policy .', cited: [1, 2], removed: 2 });
  });

  it('filters inside lists and leaves brackets that are not citations alone', () => {
    const result = checkCitations('See [3, 1, 9] and [see below] or [a1] [1,2].', 3);
    expect(result.text).toBe('See [3, 1] and [see below] or [a1] [1, 2].');
    expect(result.cited).toEqual([3, 1, 2]);
    expect(result.removed).toBe(1);
  });

  it('removes every citation when no source was given', () => {
    expect(checkCitations('Invented [1] [2, 3].', 0)).toEqual({ text: 'Invented  .', cited: [], removed: 3 });
  });
});

describe('CitationStreamFilter', () => {
  it('holds back a citation until it is complete, then emits it checked', () => {
    const emitted: string[] = [];
    const filter = new CitationStreamFilter(2, (text) => emitted.push(text));
    for (const piece of ['Twenty days ', '[', '1', ']', ' and ', '[', '5', '] end', ' [see', ' notes]']) filter.push(piece);
    const result = filter.finish();
    expect(emitted).toEqual(['Twenty days ', '[1]', ' and ', ' end', ' [see', ' notes]']);
    expect(result).toEqual({ text: 'Twenty days [1] and  end [see notes]', cited: [1], removed: 1 });
  });

  it('flushes an unfinished bracket at the end', () => {
    const filter = new CitationStreamFilter(3);
    filter.push('cut off [2');
    expect(filter.finish().text).toBe('cut off [2');
  });

  it('gives the same result as checkCitations however the text is split', () => {
    const alphabet = fc.constantFrom('[', ']', '1', '2', '9', ',', ' ', 'a', '.', '12');
    fc.assert(
      fc.property(fc.array(fc.array(alphabet, { maxLength: 6 }).map((parts) => parts.join('')), { maxLength: 12 }), fc.integer({ min: 0, max: 3 }), (pieces, count) => {
        const whole = checkCitations(pieces.join(''), count);
        let emitted = '';
        const filter = new CitationStreamFilter(count, (text) => (emitted += text));
        for (const piece of pieces) filter.push(piece);
        const streamed = filter.finish();
        expect(streamed).toEqual(whole);
        expect(emitted).toBe(whole.text);
      }),
      { numRuns: 500 },
    );
  });
});
