/**
 * Cutting a block into pieces that each fit the token budget, as coarse as possible: the whole block if it fits,
 * else its lines, an over-long line at sentences (code: at whitespace), an over-long sentence at words, and as a
 * last resort an over-long word (minified code, base64, unspaced CJK) at character boundaries.
 * Pieces are offset ranges into the block's text, in order, covering all of its non-blank content.
 */
import type { TokenCounter } from '../types.ts';
import {
  insideSurrogatePair,
  lineRanges,
  sentenceRanges,
  trimRange,
  wordRanges,
  type TextRange,
} from './text-ranges.ts';

/** How a piece was cut out of its block; decides how it may be cut further and where an overlap may start. */
export type SplitLevel = 'block' | 'line' | 'sentence' | 'word' | 'char';

export interface Piece extends TextRange {
  readonly tokens: number;
  readonly level: SplitLevel;
}

/** A piece together with the index of the block it was cut from. */
export interface BlockPiece extends Piece {
  readonly block: number;
}

export interface SplitContext {
  readonly maxTokens: number;
  readonly countTokens: TokenCounter;
  /** Code is split at lines then whitespace, never at "sentences" (a `.` in code is not a full stop). */
  readonly isCode: boolean;
}

/** Pieces of `text` that each fit `maxTokens` (only a single character can exceed it). */
export function splitBlockText(text: string, ctx: SplitContext): Piece[] {
  const whole = trimRange(text, 0, text.length, ctx.isCode);
  if (!whole) return [];
  const out: Piece[] = [];
  fitInto(out, text, whole, 'block', ctx);
  return out;
}

/**
 * The piece cut one level finer (each part fitted), or undefined when it is a single word: used to attach the
 * start of a section's content to its heading when the whole first piece does not fit beside it.
 */
export function splitPieceFiner(text: string, piece: Piece, ctx: SplitContext): Piece[] | undefined {
  const finer = nextSplit(text, piece, piece.level, ctx.isCode);
  if (!finer) return undefined;
  const out: Piece[] = [];
  for (const range of finer.ranges) fitInto(out, text, range, finer.level, ctx);
  return out;
}

function fitInto(out: Piece[], text: string, range: TextRange, level: SplitLevel, ctx: SplitContext): void {
  const tokens = ctx.countTokens(text.slice(range.start, range.end));
  if (tokens <= ctx.maxTokens) {
    out.push({ start: range.start, end: range.end, tokens, level });
    return;
  }
  const finer = nextSplit(text, range, level, ctx.isCode);
  if (!finer) {
    cutAtCharacters(out, text, range, tokens, ctx);
    return;
  }
  for (const part of finer.ranges) fitInto(out, text, part, finer.level, ctx);
}

const FINER: Record<SplitLevel, SplitLevel | undefined> = {
  block: 'line',
  line: 'sentence',
  sentence: 'word',
  word: undefined,
  char: undefined,
};

/** The first finer level that really cuts `range` in two or more, with its parts; levels that would not are skipped. */
function nextSplit(
  text: string,
  range: TextRange,
  level: SplitLevel,
  isCode: boolean,
): { level: SplitLevel; ranges: TextRange[] } | undefined {
  for (let next = FINER[level]; next; next = FINER[next]) {
    if (isCode && next === 'sentence') continue;
    const ranges = rangesAt(next, text, range, isCode);
    if (ranges.length > 1) return { level: next, ranges };
  }
  return undefined;
}

function rangesAt(level: SplitLevel, text: string, range: TextRange, isCode: boolean): TextRange[] {
  switch (level) {
    case 'line':
      return lineRanges(text, range.start, range.end, isCode);
    case 'sentence':
      return sentenceRanges(text, range.start, range.end);
    case 'word':
      return wordRanges(text, range.start, range.end);
    default:
      return [range];
  }
}

/** Cuts a single over-long word into runs of characters that fit, never between the halves of a surrogate pair. */
function cutAtCharacters(out: Piece[], text: string, range: TextRange, tokens: number, ctx: SplitContext): void {
  const charsPerToken = (range.end - range.start) / Math.max(1, tokens);
  let pos = range.start;
  while (pos < range.end) {
    let length = Math.max(1, Math.floor(ctx.maxTokens * charsPerToken));
    let cut: number;
    let pieceTokens: number;
    for (;;) {
      cut = Math.min(range.end, pos + length);
      if (cut < range.end && insideSurrogatePair(text, cut)) cut = cut - 1 > pos ? cut - 1 : cut + 1;
      pieceTokens = ctx.countTokens(text.slice(pos, cut));
      const singleCharacter = cut - pos === 1 || (cut - pos === 2 && insideSurrogatePair(text, pos + 1));
      if (pieceTokens <= ctx.maxTokens || singleCharacter) break;
      // Shrink in proportion to the overshoot; strictly shorter each round, so this ends.
      length = Math.max(1, Math.min(cut - pos - 1, Math.floor(((cut - pos) * ctx.maxTokens) / pieceTokens)));
    }
    out.push({ start: pos, end: cut, tokens: pieceTokens, level: 'char' });
    pos = cut;
  }
}
