/**
 * Maps a piece of a block's text back to the source span it came from, for citations.
 *
 * A block only tells us where it starts and ends in the source, not how its cleaned text lines up inside. When the
 * text is the source verbatim (same line count / same length) the mapping is exact. Otherwise we assume what
 * extractors do — drop markup, collapse whitespace, turn "\r\n" into "\n" — i.e. the text is the source with
 * characters removed (or, when the text is longer, some expanded) in order. Under that assumption the piece's
 * true source offsets are bounded, and we return those bounds: a span that may be wider than the truth but never
 * narrower, so a cited span always contains the quoted text.
 */
import type { TextBlock } from '../types.ts';
import { trimRange } from './text-ranges.ts';

export interface SourceSpan {
  readonly startLine: number;
  readonly endLine: number;
  readonly startChar: number;
  readonly endChar: number;
}

/** Source span of text[start, end) of one block. */
export type SpanMapper = (start: number, end: number) => SourceSpan;

export function spanMapperFor(block: TextBlock): SpanMapper {
  const text = block.text;
  const textLength = text.length;
  const sourceLength = Math.max(0, block.endChar - block.startChar);
  const sourceLineCount = Math.max(1, block.endLine - block.startLine + 1);
  const whole: SourceSpan = {
    startLine: block.startLine,
    endLine: Math.max(block.startLine, block.endLine),
    startChar: block.startChar,
    endChar: Math.max(block.startChar, block.endChar),
  };
  const content = trimRange(text, 0, textLength) ?? { start: 0, end: textLength };
  const lineStarts = textLineStarts(text);
  const exactLines = lineStarts.length === sourceLineCount;
  const exactChars = textLength === sourceLength;
  // Bounds under "removed or expanded in order": a text offset moves by at most the net difference.
  const removed = Math.max(0, sourceLength - textLength);
  const expanded = Math.max(0, textLength - sourceLength);

  return (start, end) => {
    // A piece holding all of the block's content gets the span the extractor gave the block.
    if (start <= content.start && end >= content.end) return whole;

    const lo = exactChars ? start : clamp(start - expanded, 0, sourceLength);
    const hi = exactChars ? end : clamp(end + removed, lo, sourceLength);

    let startLine: number;
    let endLine: number;
    if (exactLines) {
      startLine = block.startLine + lineIndexAt(lineStarts, start);
      endLine = block.startLine + lineIndexAt(lineStarts, Math.max(start, end - 1));
    } else {
      // No way to know where source lines fall: interpolate on the covering character bounds, assume lines of
      // similar length, and widen by one line each side to absorb the unevenness.
      const base = sourceLength > 0 ? sourceLength : textLength;
      const from = sourceLength > 0 ? lo : start;
      const to = sourceLength > 0 ? hi : end;
      startLine = block.startLine + Math.floor((sourceLineCount * from) / Math.max(1, base)) - 1;
      endLine = block.startLine + Math.ceil((sourceLineCount * to) / Math.max(1, base)) - 1 + 1;
    }
    startLine = clamp(startLine, whole.startLine, whole.endLine);
    endLine = clamp(endLine, startLine, whole.endLine);
    return { startLine, endLine, startChar: block.startChar + lo, endChar: block.startChar + hi };
  };
}

/** Offsets at which each line of `text` starts ("\n"-separated; extractors normalise line breaks). */
function textLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based index of the line holding `offset`. */
function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
