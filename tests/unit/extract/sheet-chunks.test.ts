import { describe, expect, it } from 'vitest';
import { chunkBlocks } from '../../../electron/core/chunk/chunker.ts';
import { DEFAULT_CHUNKING } from '../../../electron/core/chunk/default-chunking.ts';
import { sheetBlocks } from '../../../electron/core/extract/sheet-blocks.ts';
import { spanRef } from '../../../electron/core/span-ref.ts';
import { parseGoldSpan } from '../../../electron/core/eval/gold-span.ts';

describe('spreadsheet rows in chunks', () => {
  it.each([
    ['default chunks', DEFAULT_CHUNKING],
    // Chunks that hold several row groups: the next chunk must still not start with the last one's rows.
    ['chunks of several groups', { maxTokens: 1000, overlapTokens: 60 }],
  ])('starts every chunk of a sheet with its header row, with no overlap from the group before (%s)', (_, options) => {
    const rows = [
      { row: 1, cells: ['Employee', 'Department', 'Notes'] },
      ...Array.from({ length: 300 }, (_, i) => ({ row: i + 3, cells: [`Person ${i}`, 'Engineering', `reviewed the quarterly figures in meeting ${i}`] })),
    ];
    const { blocks } = sheetBlocks([{ name: 'Staff', rows }]);
    const chunks = chunkBlocks(blocks, options);
    expect(chunks.length).toBeGreaterThan(5);
    let nextRow = 1;
    for (const chunk of chunks) {
      expect(chunk.text.split('\n')[0]).toBe('Employee | Department | Notes');
      expect(chunk.headingPath).toEqual(['Staff']);
      // Row ranges follow on without gaps or repeats (row 2 is empty and skipped).
      expect(chunk.startLine).toBe(nextRow === 2 ? 3 : nextRow);
      nextRow = chunk.endLine + 1;
    }
    expect(nextRow).toBe(303);
  });
});

describe('citations by unit', () => {
  it('writes slides, sheets and rows, pages and lines', () => {
    expect(spanRef({ path: '/d/deck.pptx', startLine: 1, endLine: 4, page: 3 })).toBe('/d/deck.pptx#slide=3');
    expect(spanRef({ path: '/d/deck.ODP', startLine: 1, endLine: 4, page: 1 })).toBe('/d/deck.ODP#slide=1');
    expect(spanRef({ path: '/d/report.pdf', startLine: 1, endLine: 4, page: 2 })).toBe('/d/report.pdf#page=2');
    expect(spanRef({ path: '/d/book.xlsx', startLine: 2, endLine: 40, page: null, heading: 'Sheet1' })).toBe('/d/book.xlsx, Sheet1, rows 2-40');
    expect(spanRef({ path: '/d/book.ods', startLine: 7, endLine: 7, page: null })).toBe('/d/book.ods, row 7');
    expect(spanRef({ path: '/d/notes.md', startLine: 3, endLine: 7, page: null, heading: 'Intro' })).toBe('/d/notes.md:3-7');
  });

  it('accepts a slide citation as an evaluation gold span', () => {
    expect(parseGoldSpan('deck.pptx#slide=2-3', '/base')).toEqual({ key: 'deck.pptx#slide=2-3', path: '/base/deck.pptx', pages: { start: 2, end: 3 } });
  });
});
