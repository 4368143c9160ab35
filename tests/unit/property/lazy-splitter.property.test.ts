/**
 * The block splitter hands out pieces one at a time (so a multi-MB line is never held as millions of pieces) and
 * counts tokens in place. Property: on any text, budget and counter it gives exactly the pieces of the plain
 * recursive splitter it replaced, written out below with regexes and whole-array passes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../../electron/core/chunk/estimate-tokens.ts';
import { BlockSplitter, rangeCounter, type BlockPiece, type SplitLevel } from '../../../electron/core/chunk/split-block.ts';
import { insideSurrogatePair, trimRange, type TextRange } from '../../../electron/core/chunk/text-ranges.ts';
import type { TokenCounter } from '../../../electron/core/types.ts';

interface Options {
  readonly maxTokens: number;
  readonly countTokens: TokenCounter;
  readonly isCode: boolean;
}

function referenceLines(text: string, start: number, end: number, keepIndent: boolean): TextRange[] {
  const out: TextRange[] = [];
  let lineStart = start;
  for (const line of text.slice(start, end).split('\n')) {
    const range = trimRange(text, lineStart, lineStart + line.length, keepIndent);
    if (range) out.push(range);
    lineStart += line.length + 1;
  }
  return out;
}

function referenceSentences(text: string, start: number, end: number): TextRange[] {
  const out: TextRange[] = [];
  let sentenceStart = start;
  const push = (to: number): void => {
    const sentence = trimRange(text, sentenceStart, to);
    if (sentence) out.push(sentence);
    sentenceStart = to;
  };
  const closers = /["')\]}»”’」』）]/;
  for (let i = start; i < end; i++) {
    const ch = text.charAt(i);
    if (!/[.!?…。！？．]/.test(ch)) continue;
    let j = i + 1;
    while (j < end && closers.test(text.charAt(j))) j++;
    if (/[。！？．]/.test(ch)) {
      push(j);
      i = j - 1;
    } else if (j < end && /\s/.test(text.charAt(j))) {
      push(j);
      i = j;
    }
  }
  push(end);
  return out;
}

function referenceWords(text: string, start: number, end: number): TextRange[] {
  return [...text.slice(start, end).matchAll(/\S+/g)].map((m) => ({ start: start + m.index, end: start + m.index + m[0].length }));
}

const FINER: Record<SplitLevel, SplitLevel | undefined> = { block: 'line', line: 'sentence', sentence: 'word', word: undefined, char: undefined };

function referenceFiner(text: string, range: TextRange, level: SplitLevel, isCode: boolean): { level: SplitLevel; ranges: TextRange[] } | undefined {
  for (let next = FINER[level]; next; next = FINER[next]) {
    if (isCode && next === 'sentence') continue;
    const ranges =
      next === 'line'
        ? referenceLines(text, range.start, range.end, isCode)
        : next === 'sentence'
          ? referenceSentences(text, range.start, range.end)
          : referenceWords(text, range.start, range.end);
    if (ranges.length > 1) return { level: next, ranges };
  }
  return undefined;
}

function referenceFit(out: BlockPiece[], text: string, range: TextRange, level: SplitLevel, o: Options): void {
  const tokens = o.countTokens(text.slice(range.start, range.end));
  if (tokens <= o.maxTokens) {
    out.push({ block: 0, start: range.start, end: range.end, tokens, level });
    return;
  }
  const finer = referenceFiner(text, range, level, o.isCode);
  if (finer) {
    for (const part of finer.ranges) referenceFit(out, text, part, finer.level, o);
    return;
  }
  const charsPerToken = (range.end - range.start) / Math.max(1, tokens);
  for (let pos = range.start; pos < range.end; ) {
    let length = Math.max(1, Math.floor(o.maxTokens * charsPerToken));
    for (;;) {
      let cut = Math.min(range.end, pos + length);
      if (cut < range.end && insideSurrogatePair(text, cut)) cut = cut - 1 > pos ? cut - 1 : cut + 1;
      const pieceTokens = o.countTokens(text.slice(pos, cut));
      const single = cut - pos === 1 || (cut - pos === 2 && insideSurrogatePair(text, pos + 1));
      if (pieceTokens <= o.maxTokens || single) {
        out.push({ block: 0, start: pos, end: cut, tokens: pieceTokens, level: 'char' });
        pos = cut;
        break;
      }
      length = Math.max(1, Math.min(cut - pos - 1, Math.floor(((cut - pos) * o.maxTokens) / pieceTokens)));
    }
  }
}

function referenceSplit(text: string, o: Options): BlockPiece[] {
  const whole = trimRange(text, 0, text.length, o.isCode);
  const out: BlockPiece[] = [];
  if (whole) referenceFit(out, text, whole, 'block', o);
  return out;
}

function lazySplit(text: string, o: Options): BlockPiece[] {
  const splitter = BlockSplitter.ofBlock(text, { maxTokens: o.maxTokens, countRange: rangeCounter(o.countTokens), isCode: o.isCode }, 0);
  const out: BlockPiece[] = [];
  for (let piece = splitter.next(); piece; piece = splitter.next()) out.push(piece);
  return out;
}

const unit = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('a', 'word', 'naïve', '2024', 'x=1;', '東京', 'データ', '🙂', '—') },
  { weight: 6, arbitrary: fc.constantFrom(' ', ' ', '  ', '\n', '\t', '\u00a0', '\u3000') },
  { weight: 4, arbitrary: fc.constantFrom('.', '!', '?', '…', '。', '！', '？', '．', '"', "'", ')', ']', '»', '”', '」', '）') },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('q', '0', '/', '🙂'), minLength: 20, maxLength: 300 }) },
);
const textArb = fc.array(unit, { minLength: 0, maxLength: 400 }).map((parts) => parts.join(''));
const counterArb = fc.constantFrom<[string, TokenCounter]>(
  ['estimator', estimateTokens],
  ['another counter', (text) => estimateTokens(text) + (text.includes('\n') ? 2 : 0)],
  ['characters', (text) => Math.ceil(text.length / 3)],
);
const optionsArb = fc
  .record({ maxTokens: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 12, max: 120 })), counter: counterArb, isCode: fc.boolean() })
  .map(({ maxTokens, counter, isCode }): Options => ({ maxTokens, countTokens: counter[1], isCode }));

describe('the lazy block splitter', () => {
  it('gives exactly the pieces of the plain recursive splitter', () => {
    fc.assert(
      fc.property(textArb, optionsArb, (text, options) => {
        expect(lazySplit(text, options)).toEqual(referenceSplit(text, options));
      }),
      { numRuns: 600 },
    );
  });

  it('cuts a piece one level finer exactly as the plain splitter does', () => {
    fc.assert(
      fc.property(textArb, optionsArb, (text, options) => {
        const ctx = { maxTokens: options.maxTokens, countRange: rangeCounter(options.countTokens), isCode: options.isCode };
        for (const piece of referenceSplit(text, options)) {
          const finer = referenceFiner(text, piece, piece.level, options.isCode);
          const expected = finer?.ranges.flatMap((range) => {
            const out: BlockPiece[] = [];
            referenceFit(out, text, range, finer.level, options);
            return out;
          });
          expect(BlockSplitter.finer(text, piece, ctx)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
