/** Plain text: one paragraph block per run of non-blank lines, text kept line for line. */
import { blockOverLines, nonBlankRuns, sourceLines, type Extraction } from './block.ts';
import { LineIndex } from './line-index.ts';
import type { TextBlock } from '../types.ts';

export function extractText(source: string): Extraction {
  const lines = new LineIndex(source);
  const blocks: TextBlock[] = [];
  for (const { startLine, endLine } of nonBlankRuns(lines)) {
    const text = sourceLines(lines, startLine, endLine).map((l) => l.trimEnd()).join('\n');
    blocks.push(blockOverLines(lines, startLine, endLine, { kind: 'paragraph', text, headingPath: [] }));
  }
  return { blocks };
}
