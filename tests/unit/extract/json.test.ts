import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractJson, extractJsonLines } from '../../../electron/core/extract/json.ts';
import { expectLinesAligned, expectSpansInSource } from './fixtures.ts';
import type { TextBlock } from '../../../electron/core/types.ts';

/** JSON blocks are verbatim: the text is exactly the cited slice of the source. */
function expectVerbatim(blocks: readonly TextBlock[], source: string): void {
  for (const block of blocks) expect(source.slice(block.startChar, block.endChar)).toBe(block.text);
  expectSpansInSource(blocks, source);
  expectLinesAligned(blocks, source);
}

describe('extractJson', () => {
  it('groups small top-level members into one verbatim block', () => {
    const source = '{\n  "name": "trove",\n  "tags": ["a", "b"],\n  "nested": {"x": 1}\n}\n';
    const { blocks } = extractJson(source);
    const text = '"name": "trove",\n  "tags": ["a", "b"],\n  "nested": {"x": 1}';
    expect(blocks).toEqual([{ kind: 'code', text, headingPath: [], startLine: 2, endLine: 4, startChar: 4, endChar: 4 + text.length }]);
    expectVerbatim(blocks, source);
  });

  it('descends into big members, with the key path as headingPath', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ id: i, title: `Item number ${i}`, note: 'braces } ] and "quotes" in strings' }));
    const source = JSON.stringify({ version: 2, data: { items } }, null, 2);
    const { blocks } = extractJson(source);
    expect(blocks[0]).toMatchObject({ headingPath: [], text: '"version": 2', startLine: 2, endLine: 2 });
    const itemBlocks = blocks.slice(1);
    expect(itemBlocks.length).toBeGreaterThan(2);
    for (const block of itemBlocks) {
      expect(block.headingPath).toEqual(['data', 'items']);
      expect(block.text.length).toBeLessThanOrEqual(1500);
    }
    expect(itemBlocks.map((b) => b.text).join('')).toContain('"title": "Item number 59"');
    expectVerbatim(blocks, source);
  });

  it('splits minified single-line JSON by members', () => {
    const source = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ i, s: `value ${i}` })));
    const { blocks } = extractJson(source);
    expect(blocks.length).toBeGreaterThan(2);
    for (const block of blocks) expect(block).toMatchObject({ startLine: 1, endLine: 1 });
    expectVerbatim(blocks, source);
  });

  it('makes a scalar or empty document one block, and an empty file no block', () => {
    expect(extractJson('  "just a string"\n').blocks).toMatchObject([{ text: '"just a string"', startLine: 1, startChar: 2 }]);
    expect(extractJson('{}').blocks).toMatchObject([{ text: '{}' }]);
    expect(extractJson('').blocks).toEqual([]);
  });

  it('rejects invalid JSON with a parse failure', () => {
    expect(() => extractJson('{"a": 1,}')).toThrow(expect.objectContaining({ code: 'PARSE_FAILED' }));
  });

  it('reads a .json file that holds JSON Lines', () => {
    const source = '{"a":1}\n{"a":2}\n';
    expect(extractJson(source).blocks).toMatchObject([{ kind: 'table', text: '{"a":1}\n{"a":2}', startLine: 1, endLine: 2 }]);
  });

  it('keeps verbatim spans for arbitrary JSON at any indentation (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 1, 2, 4, '\t'), (value, indent) => {
        const source = JSON.stringify(value, null, indent);
        const { blocks } = extractJson(source);
        expect(blocks.length).toBeGreaterThan(0);
        expectVerbatim(blocks, source);
      }),
      { numRuns: 200 },
    );
  });
});

describe('extractJsonLines', () => {
  it('groups records into row blocks with their lines, skipping blank lines', () => {
    const source = '{"event":"start","user":"ann"}\n\n{"event":"stop","user":"bob"}\r\n';
    const { blocks } = extractJsonLines(source);
    expect(blocks).toMatchObject([{ kind: 'table', text: '{"event":"start","user":"ann"}\n\n{"event":"stop","user":"bob"}', startLine: 1, endLine: 3 }]);
    expectSpansInSource(blocks, source);
    expectLinesAligned(blocks, source);
  });

  it('names the first line that is not JSON', () => {
    expect(() => extractJsonLines('{"a":1}\nnot json\n')).toThrow(/Line 2 is not valid JSON/);
  });
});
