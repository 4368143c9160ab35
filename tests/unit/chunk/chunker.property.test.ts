/**
 * Property tests: random documents (a source text cut into blocks with exact spans, like a text extractor makes)
 * chunked with random budgets must keep the chunker's promises about spans, coverage, duplication, size and order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkBlocks } from '../../../electron/core/chunk/chunker.ts';
import { estimateTokens } from '../../../electron/core/chunk/estimate-tokens.ts';
import type { Chunk, ChunkingOptions, TextBlock } from '../../../electron/core/types.ts';
import { buildDocument, lineOf, type BlockSpec, type BuiltDocument } from './document-builder.ts';

const VOCABULARY = [
  'a', 'of', 'the', 'index', 'search', 'vector', 'sqlite', 'retrieval', 'embedding', 'citation', 'knowledge',
  'x=1;', 'foo(bar)', '2024', 'e.g.', '—', 'naïve', 'déjà', '東京', 'データ', '«quoted»', '🙂',
];
const word = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...VOCABULARY) },
  // Long unspaced runs (minified code, base64) force cuts inside a word.
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'c', '0', '/'), minLength: 12, maxLength: 70 }) },
);
const wordWithStop = fc
  .tuple(word, fc.constantFrom('', '', '', '', '.', '?', '."', '。'))
  .map(([w, stop]) => w + stop);
const line = (maxWords: number) =>
  fc.array(wordWithStop, { minLength: 1, maxLength: maxWords }).map((ws) => ws.join(' '));
const codeLine = fc.tuple(fc.constantFrom('', '  ', '    '), line(8)).map(([indent, text]) => indent + text);

const gap = fc.constantFrom<string[]>([''], [], ['', '```'], ['', '---', '']);
const newPage = fc.integer({ min: 0, max: 4 }).map((n) => n === 0);
type GeneratedBlock = Omit<BlockSpec, 'page'> & { newPage: boolean };

const headingSpec = fc.record({
  kind: fc.constant('heading' as const),
  lines: line(5).map((l) => [l]),
  level: fc.integer({ min: 1, max: 3 }),
  gap,
  newPage,
});
const textSpec = fc.record({
  kind: fc.constantFrom('paragraph' as const, 'list' as const, 'row' as const),
  lines: fc.array(line(12), { minLength: 1, maxLength: 5 }),
  gap,
  newPage,
});
/** Code with blank lines inside, never at its ends (an extractor trims those). */
const codeSpec = fc.record({
  kind: fc.constant('code' as const),
  lines: fc
    .array(fc.oneof(codeLine, fc.constant('')), { minLength: 1, maxLength: 10 })
    .map((ls) => [ls[0] || 'start', ...ls.slice(1, -1), ...(ls.length > 1 ? [ls[ls.length - 1] || 'end'] : [])]),
  gap,
  newPage,
});
const blockSpec: fc.Arbitrary<GeneratedBlock> = fc.oneof(
  { weight: 1, arbitrary: headingSpec },
  { weight: 3, arbitrary: textSpec },
  { weight: 1, arbitrary: codeSpec },
);
const pagedDocument = ([specs, paged]: [GeneratedBlock[], boolean]) => {
  let page = 1;
  return buildDocument(
    specs.map(({ newPage, ...spec }, i) => {
      if (i > 0 && newPage) page++;
      return paged ? { ...spec, page } : spec;
    }),
  );
};
/** Mixed structure: headings, paragraphs, code, pages. */
const structuredDocument = fc
  .tuple(fc.array(blockSpec, { minLength: 1, maxLength: 20 }), fc.boolean())
  .map(pagedDocument);
/** One long section of short paragraphs, where chunks are cut for size and overlap is at work. */
const shortParagraph = fc.record({
  kind: fc.constant('paragraph' as const),
  lines: fc.array(line(8), { minLength: 1, maxLength: 4 }),
  gap,
});
const longSection = fc.array(shortParagraph, { minLength: 5, maxLength: 30 }).map(buildDocument);
const documentArb: fc.Arbitrary<BuiltDocument> = fc.oneof(structuredDocument, longSection);
const optionsArb: fc.Arbitrary<ChunkingOptions> = fc
  .tuple(
    // Small budgets cut blocks at every level; larger ones pack blocks and leave room for overlap.
    fc.oneof(fc.integer({ min: 3, max: 30 }), fc.integer({ min: 30, max: 150 })),
    fc.integer({ min: 0, max: 60 }),
  )
  .map(([maxTokens, percent]) => ({ maxTokens, overlapTokens: Math.floor((maxTokens * percent) / 100) }));

/** Every non-whitespace character of the blocks, with its source offset, in order: the content to be chunked. */
interface ContentChar {
  readonly offset: number;
  readonly ch: string;
}
function contentOf(doc: BuiltDocument): ContentChar[] {
  const out: ContentChar[] = [];
  for (const block of doc.blocks) {
    for (let i = block.startChar; i < block.endChar; i++) {
      const ch = doc.source.charAt(i);
      if (ch.trim() !== '') out.push({ offset: i, ch });
    }
  }
  return out;
}
/** The content characters with offsets in [from, to), found by binary search (content is in offset order). */
function contentBetween(content: readonly ContentChar[], from: number, to: number): string {
  let lo = 0;
  let hi = content.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((content[mid] as ContentChar).offset < from) lo = mid + 1;
    else hi = mid;
  }
  let out = '';
  for (let i = lo; i < content.length; i++) {
    const entry = content[i] as ContentChar;
    if (entry.offset >= to) break;
    out += entry.ch;
  }
  return out;
}
const squeeze = (s: string) => s.replace(/\s+/g, '');
const blocksIn = (doc: BuiltDocument, c: { startChar: number; endChar: number }): TextBlock[] =>
  doc.blocks.filter((b) => b.startChar < c.endChar && b.endChar > c.startChar);

function check(property: (doc: BuiltDocument, chunks: Chunk[], options: ChunkingOptions) => void): void {
  fc.assert(
    fc.property(documentArb, optionsArb, (doc, options) => {
      property(doc, chunkBlocks(doc.blocks, options), options);
    }),
    // FC_NUM_RUNS=20000 for a deeper search when changing the chunker.
    { numRuns: Number(process.env.FC_NUM_RUNS ?? 400) },
  );
}

describe('chunkBlocks properties', () => {
  it('(a) a chunk span holds exactly the chunk text, and its lines are source lines within it', () => {
    check((doc, chunks) => {
      const content = contentOf(doc);
      for (const c of chunks) {
        expect(squeeze(c.text)).toBe(contentBetween(content, c.startChar, c.endChar));
        // Tight: the span starts at the text (or its indentation) and ends with its last character.
        expect(doc.source.charAt(c.endChar - 1).trim()).not.toBe('');
        const leading = doc.source.slice(c.startChar, c.endChar).search(/\S/);
        expect(contentBetween(content, c.startChar, c.startChar + leading + 1)).toBe(c.text.trim().charAt(0));
        expect(c.startLine).toBe(lineOf(doc.lineStarts, c.startChar));
        expect(c.endLine).toBe(lineOf(doc.lineStarts, c.endChar - 1));
        const spanLines = doc.source.split('\n').slice(c.startLine - 1, c.endLine);
        const strayLines = c.text
          .split('\n')
          .filter((textLine) => textLine.trim() !== '' && !spanLines.some((l) => l.includes(textLine.trim())));
        expect(strayLines).toEqual([]);
      }
    });
  });

  it('(b) the chunks cover every character and every non-blank line of the blocks', () => {
    check((doc, chunks) => {
      const coveredChars = new Uint8Array(doc.source.length);
      const coveredLines = new Uint8Array(doc.lineStarts.length + 2);
      for (const c of chunks) {
        coveredChars.fill(1, c.startChar, c.endChar);
        coveredLines.fill(1, c.startLine, c.endLine + 1);
      }
      expect(contentOf(doc).filter((e) => !coveredChars[e.offset])).toEqual([]);
      const uncoveredLines: number[] = [];
      for (const block of doc.blocks) {
        block.text.split('\n').forEach((text, i) => {
          if (text.trim() !== '' && !coveredLines[block.startLine + i]) uncoveredLines.push(block.startLine + i);
        });
      }
      expect(uncoveredLines).toEqual([]);
    });
  });

  it('(c) apart from overlaps of whole trailing lines/sentences within a section, nothing is repeated', () => {
    check((doc, chunks, options) => {
      const content = contentOf(doc);
      const fresh: string[] = [];
      chunks.forEach((c, i) => {
        const previous = chunks[i - 1];
        const freshFrom = previous ? Math.max(c.startChar, previous.endChar) : c.startChar;
        fresh.push(contentBetween(content, freshFrom, c.endChar));
        if (!previous || c.startChar >= previous.endChar) return;
        // An overlap: the text repeated from the previous chunk is a prefix of this one…
        const repeated = contentBetween(content, c.startChar, previous.endChar);
        let prefixEnd = 0;
        for (let seen = 0; seen < repeated.length; prefixEnd++) if (c.text.charAt(prefixEnd).trim() !== '') seen++;
        const overlapText = c.text.slice(0, prefixEnd);
        expect(squeeze(overlapText)).toBe(repeated);
        expect(estimateTokens(overlapText)).toBeLessThanOrEqual(options.overlapTokens);
        // …never all of the previous chunk's content, within one page and section, free of headings…
        const headings = doc.blocks.filter((b) => b.kind === 'heading');
        const body = content.filter((e) => !headings.some((h) => h.startChar <= e.offset && e.offset < h.endChar));
        expect(contentBetween(body, previous.startChar, c.startChar)).not.toBe('');
        expect(c.page).toBe(previous.page);
        expect(c.headingPath).toEqual(previous.headingPath);
        expect(blocksIn(doc, { startChar: c.startChar, endChar: previous.endChar }).map((b) => b.kind)).not.toContain(
          'heading',
        );
        // …and starts at a line or sentence start.
        const before = doc.source.slice(doc.lineStarts[lineOf(doc.lineStarts, c.startChar) - 1], c.startChar);
        expect(before.trim() === '' || /[.?!…。]["'»)\]]*\s*$/.test(before)).toBe(true);
      });
      expect(fresh.join('')).toBe(content.map((e) => e.ch).join(''));
    });
  });

  it('(d) no chunk exceeds maxTokens, and tokens is the count of its text', () => {
    check((_doc, chunks, options) => {
      for (const c of chunks) {
        expect(c.tokens).toBe(estimateTokens(c.text));
        // Only a single character can exceed a budget (an emoji costs 2); budgets here are at least 3.
        expect(c.tokens).toBeLessThanOrEqual(options.maxTokens);
      }
    });
  });

  it('(e) chunks are numbered and in source order', () => {
    check((_doc, chunks) => {
      chunks.forEach((c, i) => {
        expect(c.seq).toBe(i);
        const previous = chunks[i - 1];
        if (!previous) return;
        expect(c.startLine).toBeGreaterThanOrEqual(previous.startLine);
        expect(c.startChar).toBeGreaterThan(previous.startChar);
        expect(c.endChar).toBeGreaterThan(previous.endChar);
      });
    });
  });

  it('(f) a chunk stays in one page and one section, headings only at its start, with the right heading path', () => {
    check((doc, chunks) => {
      for (const c of chunks) {
        const covered = blocksIn(doc, c);
        const first = covered[0] as TextBlock;
        expect(covered.every((b) => b.page === c.page)).toBe(true);
        const firstContent = covered.findIndex((b) => b.kind !== 'heading');
        if (firstContent >= 0) {
          const content = covered.slice(firstContent);
          expect(content.map((b) => b.kind)).not.toContain('heading');
          for (const b of content) expect(b.headingPath).toEqual(content[0]?.headingPath);
        }
        // The first block's path, plus its title if it is a heading (the last one, when nested headings lead).
        const leading = firstContent < 0 ? covered : covered.slice(0, firstContent);
        const lastLeading = leading[leading.length - 1];
        expect(c.headingPath).toEqual(lastLeading ? [...lastLeading.headingPath, lastLeading.text] : first.headingPath);
      }
    });
  });

  it('(g) a heading stands alone only when its section is empty or its content cannot follow it', () => {
    check((doc, chunks, options) => {
      for (const c of chunks) {
        const covered = blocksIn(doc, c);
        if (covered.some((b) => b.kind !== 'heading')) continue;
        const last = covered[covered.length - 1] as TextBlock;
        if (estimateTokens(last.text) > options.maxTokens) continue; // an over-long heading, itself cut
        const next = doc.blocks[doc.blocks.indexOf(last) + 1];
        if (!next || next.kind === 'heading' || next.page !== last.page) continue;
        const firstWord = next.text.trim().split(/\s+/)[0] ?? '';
        expect(c.tokens + estimateTokens(firstWord)).toBeGreaterThan(options.maxTokens);
      }
    });
  });
});
