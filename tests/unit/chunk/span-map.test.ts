import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spanMapperFor } from '../../../electron/core/chunk/span-map.ts';
import type { TextBlock } from '../../../electron/core/types.ts';

const blockOf = (text: string, over: Partial<TextBlock> = {}): TextBlock => ({
  kind: 'paragraph',
  text,
  headingPath: [],
  startLine: 5,
  endLine: 5 + text.split('\n').length - 1,
  startChar: 100,
  endChar: 100 + text.length,
  ...over,
});

describe('spanMapperFor', () => {
  it('maps exactly when the text is the source verbatim', () => {
    const map = spanMapperFor(blockOf('alpha beta\ngamma\ndelta'));
    expect(map(11, 16)).toEqual({ startLine: 6, endLine: 6, startChar: 111, endChar: 116 });
    expect(map(6, 16)).toEqual({ startLine: 5, endLine: 6, startChar: 106, endChar: 116 });
  });

  it('gives a piece holding all the content the block span itself', () => {
    const block = blockOf('  whole  ', { startLine: 1, endLine: 3, startChar: 0, endChar: 40 });
    expect(spanMapperFor(block)(2, 7)).toEqual({ startLine: 1, endLine: 3, startChar: 0, endChar: 40 });
  });

  it('keeps exact lines when only the length differs (CRLF source)', () => {
    // Source "one\r\ntwo\r\nthree" (15 chars) became "one\ntwo\nthree" (13).
    const map = spanMapperFor(blockOf('one\ntwo\nthree', { endChar: 115 }));
    const two = map(4, 7);
    expect([two.startLine, two.endLine]).toEqual([6, 6]);
    // Truly at 105..108 in the source: covered.
    expect(two.startChar).toBeLessThanOrEqual(105);
    expect(two.endChar).toBeGreaterThanOrEqual(108);
  });

  it('interpolates lines, widened, when the source had a different number of lines', () => {
    // A paragraph soft-wrapped over 10 source lines, joined into one line of text.
    const text = Array.from({ length: 10 }, (_, i) => `word${i}`).join(' ');
    const map = spanMapperFor(blockOf(text, { startLine: 1, endLine: 10, endChar: 100 + text.length }));
    const middle = map(text.indexOf('word4'), text.indexOf('word5') + 5);
    expect(middle.startLine).toBeLessThanOrEqual(5);
    expect(middle.endLine).toBeGreaterThanOrEqual(6);
    expect(middle.endLine - middle.startLine).toBeLessThanOrEqual(4);
  });

  /** A source, and a text made from it by dropping (or repeating) characters; text[i] came from source[origin[i]]. */
  const derived = (mode: 'drop' | 'repeat') =>
    fc
      .array(fc.tuple(fc.constantFrom('a', 'b', ' ', '\n', '*'), fc.integer({ min: 0, max: 3 })), {
        minLength: 2,
        maxLength: 80,
      })
      .map((cells) => {
        let source = '';
        let text = '';
        const origin: number[] = [];
        cells.forEach(([ch, roll], i) => {
          source += ch;
          // Line breaks are kept one for one, so the line count matches and lines map exactly.
          const copies = ch === '\n' || roll !== 0 ? 1 : mode === 'drop' ? 0 : 2;
          for (let k = 0; k < copies; k++) {
            text += ch;
            origin.push(i);
          }
        });
        return { source, text, origin };
      })
      .filter(({ text }) => text.length > 0);

  for (const mode of ['drop', 'repeat'] as const) {
    it(`covers the true source span when characters were ${mode === 'drop' ? 'removed' : 'expanded'}`, () => {
      fc.assert(
        fc.property(derived(mode), fc.nat(), fc.nat(), ({ source, text, origin }, x, y) => {
          const a = x % text.length;
          const b = a + 1 + (y % (text.length - a));
          const lines = source.split('\n').length;
          const block = blockOf(text, { startLine: 1, endLine: lines, startChar: 0, endChar: source.length });
          const span = spanMapperFor(block)(a, b);
          const trueStart = origin[a] as number;
          const trueEnd = (origin[b - 1] as number) + 1;
          expect(span.startChar).toBeLessThanOrEqual(trueStart);
          expect(span.endChar).toBeGreaterThanOrEqual(trueEnd);
          expect(span.startChar).toBeGreaterThanOrEqual(0);
          expect(span.endChar).toBeLessThanOrEqual(source.length);
          const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
          expect(span.startLine).toBeLessThanOrEqual(lineOf(trueStart));
          expect(span.endLine).toBeGreaterThanOrEqual(lineOf(trueEnd - 1));
        }),
        { numRuns: 500 },
      );
    });
  }
});
