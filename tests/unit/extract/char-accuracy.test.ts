import { describe, expect, it } from 'vitest';
import { characterAccuracy, editDistance } from '../../helpers/char-accuracy.ts';

describe('character accuracy (the OCR tests\' measure)', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('is 1 − CER, with whitespace runs counted as one space', () => {
    expect(characterAccuracy('copper  valves\nforty', 'copper valves forty')).toBe(1);
    expect(characterAccuracy('abcdefghij', 'abcdefghiX')).toBeCloseTo(0.9);
    expect(characterAccuracy('abc', 'completely different and longer')).toBe(0);
  });
});
