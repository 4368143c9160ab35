import { describe, expect, it } from 'vitest';
import { extractCsv } from '../../../electron/core/extract/csv.ts';
import { expectSpansInSource, sourceLineRange, wordsOf } from './fixtures.ts';
import type { TextBlock } from '../../../electron/core/types.ts';

/** Rendered rows add column names; the words to find in the source are the values (and the header itself). */
function valuesOf(rendered: string): string {
  return rendered
    .split('\n')
    .map((line) => (line.startsWith('Columns: ') ? line.slice(9) : line.replace(/(^|; )[^:;\n]+: /g, ' ')))
    .join('\n');
}

/** Text line i of a block renders source line startLine+i. */
function expectRowLinesAligned(blocks: readonly TextBlock[], source: string): void {
  for (const block of blocks) {
    const textLines = block.text.split('\n');
    expect(textLines).toHaveLength(block.endLine - block.startLine + 1);
    const lines = sourceLineRange(source, block.startLine, block.endLine);
    textLines.forEach((textLine, i) => {
      for (const word of wordsOf(valuesOf(textLine))) expect(lines[i], `"${word}" on line ${block.startLine + i}`).toContain(word);
    });
  }
}

describe('extractCsv', () => {
  it('keeps the header and renders rows as "column: value" with exact spans', () => {
    const source = 'name,age,city\nAnn,30,Paris\nBob,,Oslo\n';
    const { blocks } = extractCsv(source);
    expect(blocks).toEqual([
      {
        kind: 'table',
        text: 'Columns: name; age; city\nname: Ann; age: 30; city: Paris\nname: Bob; city: Oslo',
        headingPath: [],
        startLine: 1,
        endLine: 3,
        startChar: 0,
        endChar: source.trimEnd().length,
      },
    ]);
  });

  it('follows quoted fields across lines, blank lines and mixed line endings', () => {
    const source = 'id,note\r\n1,"first line\r\nsecond line"\r\n\r\n2,"say ""hi"""\n3,plain\r4,last';
    const { blocks } = extractCsv(source);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.text).toBe('Columns: id; note\nid: 1; note: first line\nsecond line\n\nid: 2; note: say "hi"\nid: 3; note: plain\nid: 4; note: last');
    expect(blocks[0]).toMatchObject({ startLine: 1, endLine: 7, startChar: 0, endChar: source.length });
    expectSpansInSource(blocks, source, undefined, valuesOf);
    expectRowLinesAligned(blocks, source);
  });

  it('groups many rows into blocks of modest size, each with exact line spans', () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${i},Résumé ${i} 😀,"multi\nline ${i}"`);
    const source = `n,title,body\n${rows.join('\n')}\n`;
    const { blocks } = extractCsv(source);
    expect(blocks.length).toBeGreaterThan(4);
    expect(blocks[0]?.startLine).toBe(1);
    expect(blocks.at(-1)?.endLine).toBe(241);
    for (let i = 1; i < blocks.length; i++) expect(blocks[i]?.startLine).toBe((blocks[i - 1]?.endLine ?? 0) + 1);
    for (const block of blocks) {
      expect(block.text.length).toBeLessThanOrEqual(1600);
      expect(['row', 'table']).toContain(block.kind);
    }
    expectSpansInSource(blocks, source, undefined, valuesOf);
    expectRowLinesAligned(blocks, source);
    // Offsets are UTF-16 positions even though csv-parse counts UTF-8 bytes.
    const last = blocks.at(-1);
    const slice = source.slice(last?.startChar, last?.endChar);
    expect(slice.endsWith('119,Résumé 119 😀,"multi\nline 119"')).toBe(true);
    expect(source[(last?.startChar ?? 0) - 1]).toBe('\n');
    expect(last?.endChar).toBe(source.length - 1);
  });

  it('reads TSV with a tab delimiter and sniffs semicolons in CSV', () => {
    expect(extractCsv('a\tb\nx, y\tz\n', '\t').blocks[0]?.text).toBe('Columns: a; b\na: x, y; b: z');
    expect(extractCsv('a;b\n1,5;2\n').blocks[0]?.text).toBe('Columns: a; b\na: 1,5; b: 2');
  });

  it('names columns missing from the header', () => {
    expect(extractCsv('a,\n1,2,3\n').blocks[0]?.text).toBe('Columns: a; column 2\na: 1; column 2: 2; column 3: 3');
  });

  it('yields no blocks for an empty file and fails on an unclosed quote', () => {
    expect(extractCsv('').blocks).toEqual([]);
    expect(() => extractCsv('a,b\n1,"never closed\n2,3\n')).toThrow();
  });
});
