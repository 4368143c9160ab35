/** What every format extractor returns, and the one place blocks are assembled from source spans. */
import type { BlockKind, ExtractionNotice, TextBlock } from '../types.ts';
import type { LineIndex } from './line-index.ts';

export interface Extraction {
  readonly blocks: TextBlock[];
  readonly title?: string;
  /** Parts that could not be read (scanned pages OCR could not read), with their reasons. */
  readonly notices?: readonly ExtractionNotice[];
}

export interface BlockContent {
  readonly kind: BlockKind;
  readonly text: string;
  readonly headingPath: readonly string[];
  readonly level?: number;
}

/** A block covering the half-open character span [start, end) of the text behind `lines`. */
export function blockAt(lines: LineIndex, start: number, end: number, content: BlockContent): TextBlock {
  const { startLine, endLine } = lines.linesOf(start, end);
  return makeBlock(content, startLine, endLine, start, end);
}

/** A block covering whole source lines startLine..endLine (inclusive). */
export function blockOverLines(lines: LineIndex, startLine: number, endLine: number, content: BlockContent): TextBlock {
  return makeBlock(content, startLine, endLine, lines.lineStart(startLine), lines.lineEnd(endLine));
}

/**
 * Built field by field (no spreading): this runs for every block of every file, and `level` is left out
 * unless set so blocks compare and serialise cleanly.
 */
function makeBlock(content: BlockContent, startLine: number, endLine: number, startChar: number, endChar: number): TextBlock {
  const { kind, text, headingPath, level } = content;
  if (level === undefined) return { kind, text, headingPath, startLine, endLine, startChar, endChar };
  return { kind, text, headingPath, startLine, endLine, startChar, endChar, level };
}

/** The source lines startLine..endLine with line breaks normalised to "\n", so text line i is source line startLine+i. */
export function sourceLines(lines: LineIndex, startLine: number, endLine: number): string[] {
  const out: string[] = [];
  for (let line = startLine; line <= endLine; line++) out.push(lines.lineText(line));
  return out;
}

/** Is a line empty or whitespace only? */
export function isBlankLine(line: string): boolean {
  return line.trim() === '';
}

/** Maximal runs of non-blank lines, in order. */
export function nonBlankRuns(lines: LineIndex): Array<{ startLine: number; endLine: number }> {
  const runs: Array<{ startLine: number; endLine: number }> = [];
  let runStart = 0;
  for (let line = 1; line <= lines.lineCount; line++) {
    const blank = isBlankLine(lines.lineText(line));
    if (!blank && runStart === 0) runStart = line;
    if (blank && runStart !== 0) {
      runs.push({ startLine: runStart, endLine: line - 1 });
      runStart = 0;
    }
  }
  if (runStart !== 0) runs.push({ startLine: runStart, endLine: lines.lineCount });
  return runs;
}
