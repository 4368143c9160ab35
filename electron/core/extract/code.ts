/**
 * Source code: blocks are groups of lines separated by blank lines (roughly: declarations), with tiny groups
 * merged into their neighbours so a lone `}` or import line does not become a block of its own.
 * Text is kept verbatim, line for line, so citations and line-based splitting stay exact.
 */
import { blockOverLines, nonBlankRuns, sourceLines, type Extraction } from './block.ts';
import { LineIndex } from './line-index.ts';
import type { TextBlock } from '../types.ts';

/** A group shorter than this is merged with its neighbour. */
const TINY_GROUP_CHARS = 200;
/** Merging stops before a block would grow beyond this; the chunker splits anything larger by lines. */
const MERGED_BLOCK_MAX_CHARS = 1500;

export function extractCode(source: string): Extraction {
  const lines = new LineIndex(source);
  const blocks: TextBlock[] = [];
  for (const { startLine, endLine } of mergedGroups(lines)) {
    const text = sourceLines(lines, startLine, endLine).join('\n');
    blocks.push(blockOverLines(lines, startLine, endLine, { kind: 'code', text, headingPath: [] }));
  }
  return { blocks };
}

function mergedGroups(lines: LineIndex): Array<{ startLine: number; endLine: number }> {
  const size = (startLine: number, endLine: number): number => lines.lineEnd(endLine) - lines.lineStart(startLine);
  const merged: Array<{ startLine: number; endLine: number }> = [];
  for (const run of nonBlankRuns(lines)) {
    const last = merged.at(-1);
    if (last) {
      const lastSize = size(last.startLine, last.endLine);
      const runSize = size(run.startLine, run.endLine);
      const eitherTiny = lastSize < TINY_GROUP_CHARS || runSize < TINY_GROUP_CHARS;
      if (eitherTiny && size(last.startLine, run.endLine) <= MERGED_BLOCK_MAX_CHARS) {
        last.endLine = run.endLine;
        continue;
      }
    }
    merged.push({ ...run });
  }
  return merged;
}
