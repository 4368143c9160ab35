/**
 * Cutting a block into pieces that each fit the token budget, as coarse as possible: the whole block if it fits,
 * else its lines, an over-long line at sentences (code: at whitespace), an over-long sentence at words, and as a
 * last resort an over-long word (minified code, base64, unspaced CJK) at character boundaries.
 * Pieces are offset ranges into the block's text, in order, covering all of its non-blank content.
 *
 * Pieces are handed out one at a time (`BlockSplitter.next`), each level scanning only as far as its next range.
 * A 10 MB line without full stops is two million word pieces: built all at once (as this once did) they were
 * hundreds of MB of live objects, and the garbage collector's copying of them cost more than the chunking itself.
 * Now only the pieces of the chunk being filled are alive. Every level still scans each range once, so the work
 * stays linear in the text.
 */
import type { TokenCounter } from '../types.ts';
import { estimateTokens, estimateTokensIn } from './estimate-tokens.ts';
import {
  insideSurrogatePair,
  LineCursor,
  SentenceCursor,
  trimRange,
  WordCursor,
  type RangeCursor,
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

/**
 * Token count of text[start, end). Given a `limit`, a counter may stop once the count is past it and return any
 * number above it: only whether a range fits matters until it is cut at characters.
 */
export type RangeCounter = (text: string, start: number, end: number, limit?: number) => number;

export interface SplitContext {
  readonly maxTokens: number;
  readonly countRange: RangeCounter;
  /** Code is split at lines then whitespace, never at "sentences" (a `.` in code is not a full stop). */
  readonly isCode: boolean;
}

/**
 * `countTokens` as a range counter. The default estimator counts in place; any other counter gets a slice (a
 * model's tokenizer needs a string anyway).
 */
export function rangeCounter(countTokens: TokenCounter): RangeCounter {
  if (countTokens === estimateTokens) return estimateTokensIn;
  return (text, start, end) => countTokens(text.slice(start, end));
}

const FINER: Record<SplitLevel, SplitLevel | undefined> = {
  block: 'line',
  line: 'sentence',
  sentence: 'word',
  word: undefined,
  char: undefined,
};

/** The pieces of one block's text, in order, on demand. */
export class BlockSplitter {
  /** Ranges still to fit, one cursor per level being walked; the finest (current) last. */
  private readonly levels: LevelCursor[] = [];
  /** Character cuts of the last over-long word not yet handed out, the next one last. */
  private readonly cuts: BlockPiece[] = [];

  private constructor(
    private readonly text: string,
    private readonly ctx: SplitContext,
    private readonly block: number,
  ) {}

  /** Splits the whole text of block number `block`. */
  static ofBlock(text: string, ctx: SplitContext, block: number): BlockSplitter {
    const splitter = new BlockSplitter(text, ctx, block);
    const whole = trimRange(text, 0, text.length, ctx.isCode);
    if (whole) splitter.levels.push(new LevelCursor('block', { next: () => undefined }, whole));
    return splitter;
  }

  /**
   * `piece` cut one level finer (each part fitted), or undefined when it is a single word: used to attach the
   * start of a section's content to its heading when the whole first piece does not fit beside it.
   */
  static finer(text: string, piece: BlockPiece, ctx: SplitContext): BlockPiece[] | undefined {
    const splitter = new BlockSplitter(text, ctx, piece.block);
    const finer = splitter.finerLevel(piece, piece.level);
    if (!finer) return undefined;
    splitter.levels.push(finer);
    const out: BlockPiece[] = [];
    for (let next = splitter.next(); next; next = splitter.next()) out.push(next);
    return out;
  }

  next(): BlockPiece | undefined {
    for (;;) {
      const cut = this.cuts.pop();
      if (cut) return cut;
      const current = this.levels[this.levels.length - 1];
      if (!current) return undefined;
      const range = current.next();
      if (!range) {
        this.levels.pop();
        continue;
      }
      const tokens = this.ctx.countRange(this.text, range.start, range.end, this.ctx.maxTokens);
      if (tokens <= this.ctx.maxTokens) {
        return { block: this.block, start: range.start, end: range.end, tokens, level: current.level };
      }
      // Too big: its parts come next (they go on top), then the rest of this level.
      const finer = this.finerLevel(range, current.level);
      if (finer) this.levels.push(finer);
      else this.cutAtCharacters(range, this.ctx.countRange(this.text, range.start, range.end));
    }
  }

  /** The first finer level that really cuts `range` in two or more, holding its parts; levels that would not are skipped. */
  private finerLevel(range: TextRange, level: SplitLevel): LevelCursor | undefined {
    for (let next = FINER[level]; next; next = FINER[next]) {
      if (this.ctx.isCode && next === 'sentence') continue;
      const cursor = this.cursorAt(next, range);
      const first = cursor.next();
      const second = first && cursor.next();
      if (first && second) return new LevelCursor(next, cursor, first, second);
    }
    return undefined;
  }

  private cursorAt(level: SplitLevel, range: TextRange): RangeCursor {
    switch (level) {
      case 'line':
        return new LineCursor(this.text, range.start, range.end, this.ctx.isCode);
      case 'sentence':
        return new SentenceCursor(this.text, range.start, range.end);
      default:
        return new WordCursor(this.text, range.start, range.end);
    }
  }

  /** Cuts a single over-long word into runs of characters that fit, never between the halves of a surrogate pair. */
  private cutAtCharacters(range: TextRange, tokens: number): void {
    const { text, ctx } = this;
    const out: BlockPiece[] = [];
    const charsPerToken = (range.end - range.start) / Math.max(1, tokens);
    let pos = range.start;
    while (pos < range.end) {
      let length = Math.max(1, Math.floor(ctx.maxTokens * charsPerToken));
      let cut: number;
      let pieceTokens: number;
      for (;;) {
        cut = Math.min(range.end, pos + length);
        if (cut < range.end && insideSurrogatePair(text, cut)) cut = cut - 1 > pos ? cut - 1 : cut + 1;
        pieceTokens = ctx.countRange(text, pos, cut);
        const singleCharacter = cut - pos === 1 || (cut - pos === 2 && insideSurrogatePair(text, pos + 1));
        if (pieceTokens <= ctx.maxTokens || singleCharacter) break;
        // Shrink in proportion to the overshoot; strictly shorter each round, so this ends.
        length = Math.max(1, Math.min(cut - pos - 1, Math.floor(((cut - pos) * ctx.maxTokens) / pieceTokens)));
      }
      out.push({ block: this.block, start: pos, end: cut, tokens: pieceTokens, level: 'char' });
      pos = cut;
    }
    for (let i = out.length - 1; i >= 0; i--) this.cuts.push(out[i] as BlockPiece);
  }
}

/** The ranges of one level inside a range, with the first one or two already found (to know it really cuts). */
class LevelCursor {
  constructor(
    readonly level: SplitLevel,
    private readonly rest: RangeCursor,
    private first?: TextRange,
    private second?: TextRange,
  ) {}

  next(): TextRange | undefined {
    const first = this.first;
    if (!first) return this.rest.next();
    this.first = this.second;
    this.second = undefined;
    return first;
  }
}
