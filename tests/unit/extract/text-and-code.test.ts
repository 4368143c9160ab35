import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractCode } from '../../../electron/core/extract/code.ts';
import { extractText } from '../../../electron/core/extract/text.ts';
import { expectLinesAligned, expectSpansInSource, sourceLineRange } from './fixtures.ts';

/** Arbitrary multi-line documents: words, blank and whitespace-only lines, mixed line endings. */
const documents = fc
  .array(
    fc.oneof(
      fc.constantFrom('', '   ', '\t'),
      fc.array(fc.constantFrom('alpha', 'Beta', 'γάμμα', 'δ9', 'x', '{', '}', 'return', '😀', 'naïve'), { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')),
    ),
    { maxLength: 40 },
  )
  .chain((lines) => fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: lines.length, maxLength: lines.length }).map((breaks) => lines.map((l, i) => l + breaks[i]).join('')));

describe('extractText', () => {
  it('makes one paragraph block per run of non-blank lines, text line for line', () => {
    const source = 'First paragraph,\nstill first.\n\n   \nSecond one.\r\n\r\nThird\n';
    const { blocks } = extractText(source);
    expect(blocks.map((b) => [b.kind, b.text, b.startLine, b.endLine])).toEqual([
      ['paragraph', 'First paragraph,\nstill first.', 1, 2],
      ['paragraph', 'Second one.', 5, 5],
      ['paragraph', 'Third', 7, 7],
    ]);
    expectSpansInSource(blocks, source);
    expectLinesAligned(blocks, source);
  });

  it('yields no blocks for an empty or blank file', () => {
    expect(extractText('').blocks).toEqual([]);
    expect(extractText('\n  \n\n').blocks).toEqual([]);
  });

  it('keeps spans exact and every non-blank line in exactly one block (property)', () => {
    fc.assert(
      fc.property(documents, (source) => {
        const { blocks } = extractText(source);
        expectSpansInSource(blocks, source);
        expectLinesAligned(blocks, source);
        expectNonBlankLinesCoveredOnce(blocks, source);
      }),
    );
  });
});

describe('extractCode', () => {
  const source = [
    "import { readFile } from 'node:fs/promises';",
    "import { join } from 'node:path';",
    '',
    '/** Loads the configuration file and parses it, with defaults for anything missing. */',
    'export async function loadConfig(dir: string): Promise<Config> {',
    "  const raw = await readFile(join(dir, 'config.json'), 'utf8');",
    '  const parsed = JSON.parse(raw) as Partial<Config>;',
    '  return { ...DEFAULTS, ...parsed };',
    '}',
    '',
    '}',
    '',
  ].join('\n');

  it('keeps code verbatim and merges tiny groups into their neighbours', () => {
    const { blocks } = extractCode(source);
    expect(blocks.every((b) => b.kind === 'code')).toBe(true);
    // The two import lines are tiny: merged with the function; the stray brace joins too.
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ startLine: 1, endLine: 11 });
    expect(blocks[0]?.text).toBe(sourceLineRange(source, 1, 11).join('\n'));
    expectLinesAligned(blocks, source);
  });

  it('splits large files at blank lines', () => {
    const fn = (i: number): string => `function f${i}() {\n${'  doSomething(a, b, c);\n'.repeat(12)}}\n`;
    const big = Array.from({ length: 10 }, (_, i) => fn(i)).join('\n');
    const { blocks } = extractCode(big);
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) expect(block.text.length).toBeLessThanOrEqual(1500);
    expectSpansInSource(blocks, big);
    expectLinesAligned(blocks, big);
    expectNonBlankLinesCoveredOnce(blocks, big);
  });

  it('keeps spans exact on arbitrary input (property)', () => {
    fc.assert(
      fc.property(documents, (source) => {
        const { blocks } = extractCode(source);
        expectSpansInSource(blocks, source);
        expectLinesAligned(blocks, source);
        expectNonBlankLinesCoveredOnce(blocks, source);
      }),
    );
  });
});

function expectNonBlankLinesCoveredOnce(blocks: ReadonlyArray<{ startLine: number; endLine: number }>, source: string): void {
  const lines = source.split(/\r\n|\r|\n/);
  const covered = new Array<number>(lines.length + 1).fill(0);
  let previousEnd = 0;
  for (const block of blocks) {
    expect(block.startLine).toBeGreaterThan(previousEnd);
    previousEnd = block.endLine;
    for (let line = block.startLine; line <= block.endLine; line++) covered[line] = (covered[line] ?? 0) + 1;
  }
  lines.forEach((line, i) => {
    if (line.trim() !== '') expect(covered[i + 1], `line ${i + 1}`).toBe(1);
  });
}
