// Chunks of text-like formats are laid out line for line: text line i of a chunk is source line startLine + i,
// however many blank lines separate its blocks in the source (answer/focus.ts cites parts of chunks by it).
import { describe, expect, it } from 'vitest';
import { chunkBlocks } from '../../../electron/core/chunk/chunker.ts';
import { extractCode } from '../../../electron/core/extract/code.ts';
import { extractMarkdown } from '../../../electron/core/extract/markdown.ts';
import { extractText } from '../../../electron/core/extract/text.ts';
import { htmlStructure } from '../../../electron/core/extract/html-blocks.ts';

const line = (i: number) => `Sentence number ${i} talks about lanterns and rivers.`;

describe('chunk text layout', () => {
  it.each([
    ['text', extractText, ['Title', '', '', '', line(1), line(2), '', line(3), '', '', line(4)].join('\n')],
    ['markdown', extractMarkdown, ['# Title', line(1), '', '', 'Setext', '======', '', line(2), '- item one', '- item two', '', '', '', line(3)].join('\n')],
    ['code', extractCode, ['def a():', '    return 1', '', '', '', 'def b():', '    return 2'].join('\n')],
  ])('%s: text line i is source line startLine + i', (_name, extract, source) => {
    const sourceLines = source.split('\n');
    const chunks = chunkBlocks(extract(source).blocks, { maxTokens: 400, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) {
      const textLines = chunk.text.split('\n');
      expect(textLines).toHaveLength(chunk.endLine - chunk.startLine + 1);
      textLines.forEach((text, i) => {
        const sourceLine = sourceLines[chunk.startLine - 1 + i] ?? '';
        for (const word of text.match(/\w+/g) ?? []) expect(sourceLine).toContain(word);
      });
    }
  });

  it('joins blocks that are not laid out on their source lines (collapsed HTML) by one blank line', () => {
    const blocks = htmlStructure('<p>one\ntwo\nthree</p>\n\n\n<p>four</p>').blocks.map((b) => ({ ...b, startLine: b.start === 0 ? 1 : 6, endLine: b.start === 0 ? 3 : 6, startChar: b.start, endChar: b.end }));
    expect(chunkBlocks(blocks, { maxTokens: 400, overlapTokens: 0 })[0]?.text).toBe('one two three\n\nfour');
  });
});
