import { describe, expect, it } from 'vitest';
import {
  lineRanges,
  sentenceRanges,
  trimRange,
  wordRanges,
  type TextRange,
} from '../../../electron/core/chunk/text-ranges.ts';

const texts = (text: string, ranges: TextRange[]) => ranges.map((r) => text.slice(r.start, r.end));

describe('text ranges', () => {
  it('finds non-blank lines, trimmed, optionally keeping indentation', () => {
    const text = 'one  \n\n   two\n  \nthree';
    expect(texts(text, lineRanges(text, 0, text.length))).toEqual(['one', 'two', 'three']);
    expect(texts(text, lineRanges(text, 0, text.length, true))).toEqual(['one', '   two', 'three']);
  });

  it('trims a range, or says there is nothing left', () => {
    expect(trimRange('  \n  x = 1;\n', 0, 12)).toEqual({ start: 5, end: 11 });
    expect(trimRange('  \n  x = 1;\n', 0, 12, true)).toEqual({ start: 3, end: 11 });
    expect(trimRange(' \n\t ', 0, 4)).toBeUndefined();
  });

  it('finds sentences after full stops followed by space, with closing quotes, and after CJK full stops', () => {
    const text = 'He said "stop." Then left! Version 2.5 ships?  Yes… 東京です。大阪です。';
    expect(texts(text, sentenceRanges(text, 0, text.length))).toEqual([
      'He said "stop."',
      'Then left!',
      'Version 2.5 ships?',
      'Yes…',
      '東京です。',
      '大阪です。',
    ]);
  });

  it('finds whitespace-separated words', () => {
    const text = ' a  bc\td\u00a0e ';
    expect(texts(text, wordRanges(text, 0, text.length))).toEqual(['a', 'bc', 'd', 'e']);
  });
});
