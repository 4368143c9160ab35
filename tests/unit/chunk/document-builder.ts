/**
 * Builds a source text and its blocks together, with exact spans, the way a text extractor would:
 * each block's text is its source lines verbatim, and blocks are separated by blank lines (or other lines that
 * belong to no block, like code fences). Heading paths follow heading levels.
 */
import type { BlockKind, TextBlock } from '../../../electron/core/types.ts';

export interface BlockSpec {
  readonly kind: BlockKind;
  /** The block's lines; a heading has one. */
  readonly lines: readonly string[];
  /** Heading level (headings only; default 1). */
  readonly level?: number;
  readonly page?: number;
  /** Lines between the previous block and this one, belonging to no block (default: one blank line). */
  readonly gap?: readonly string[];
}

export interface BuiltDocument {
  readonly source: string;
  readonly blocks: TextBlock[];
  /** Offset at which each source line (1-based line n at index n-1) starts. */
  readonly lineStarts: readonly number[];
}

export function buildDocument(specs: readonly BlockSpec[]): BuiltDocument {
  const sourceLines: string[] = [];
  const blocks: TextBlock[] = [];
  const headings: { level: number; text: string }[] = [];
  let offset = 0;
  const addLine = (line: string): void => {
    sourceLines.push(line);
    offset += line.length + 1;
  };
  specs.forEach((spec, i) => {
    if (i > 0) for (const line of spec.gap ?? ['']) addLine(line);
    const startLine = sourceLines.length + 1;
    const startChar = offset;
    for (const line of spec.lines) addLine(line);
    const text = spec.lines.join('\n');
    let headingPath = headings.map((h) => h.text);
    if (spec.kind === 'heading') {
      const level = spec.level ?? 1;
      while (headings.length > 0 && (headings[headings.length - 1]?.level ?? 0) >= level) headings.pop();
      headingPath = headings.map((h) => h.text);
      headings.push({ level, text });
    }
    blocks.push({
      kind: spec.kind,
      text,
      headingPath,
      startLine,
      endLine: startLine + spec.lines.length - 1,
      startChar,
      endChar: startChar + text.length,
      ...(spec.kind === 'heading' ? { level: spec.level ?? 1 } : {}),
      ...(spec.page !== undefined ? { page: spec.page } : {}),
    });
  });
  const lineStarts: number[] = [];
  let start = 0;
  for (const line of sourceLines) {
    lineStarts.push(start);
    start += line.length + 1;
  }
  return { source: sourceLines.join('\n'), blocks, lineStarts };
}

/** 1-based source line holding `offset`. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Shorthands for example tests. */
export const heading = (text: string, level = 1, extra: Partial<BlockSpec> = {}): BlockSpec => ({
  kind: 'heading',
  lines: [text],
  level,
  ...extra,
});
export const para = (text: string, extra: Partial<BlockSpec> = {}): BlockSpec => ({
  kind: 'paragraph',
  lines: text.split('\n'),
  ...extra,
});
export const code = (text: string, extra: Partial<BlockSpec> = {}): BlockSpec => ({
  kind: 'code',
  lines: text.split('\n'),
  gap: ['', '```'],
  ...extra,
});

/** `count` words of `letters` letters each, e.g. words(3, 5) = "aaaaa bbbbb ccccc" (one token each by the estimate). */
export function words(count: number, letters = 5, first = 0): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(String.fromCharCode(97 + ((first + i) % 26)).repeat(letters));
  return out.join(' ');
}
