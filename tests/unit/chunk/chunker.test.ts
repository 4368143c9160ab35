import { describe, expect, it } from 'vitest';
import { TroveError } from '../../../electron/core/errors.ts';
import { chunkBlocks } from '../../../electron/core/chunk/chunker.ts';
import { DEFAULT_CHUNKING } from '../../../electron/core/chunk/default-chunking.ts';
import { estimateTokens } from '../../../electron/core/chunk/estimate-tokens.ts';
import type { Chunk, TextBlock } from '../../../electron/core/types.ts';
import { buildDocument, code, heading, para, words, type BlockSpec } from './document-builder.ts';

const noOverlap = (maxTokens: number) => ({ maxTokens, overlapTokens: 0 });

function chunk(specs: BlockSpec[], options = noOverlap(100)): { chunks: Chunk[]; source: string; blocks: TextBlock[] } {
  const { source, blocks } = buildDocument(specs);
  return { chunks: chunkBlocks(blocks, options), source, blocks };
}

/** The first line of each chunk's text, enough to tell chunks apart in assertions. */
const firstLines = (chunks: Chunk[]) => chunks.map((c) => c.text.split('\n')[0]);

describe('chunkBlocks: structure', () => {
  it('keeps a heading with the content that follows it', () => {
    const { chunks } = chunk([heading('Intro'), para(words(5)), heading('Usage'), para(words(5, 5, 5))]);
    expect(chunks.map((c) => c.text)).toEqual([`Intro\n\n${words(5)}`, `Usage\n\n${words(5, 5, 5)}`]);
    expect(chunks.map((c) => c.headingPath)).toEqual([['Intro'], ['Usage']]);
    expect(chunks.map((c) => c.seq)).toEqual([0, 1]);
  });

  it('gives a heading the first lines of its content when the whole block does not fit beside it', () => {
    // The paragraph (3 lines × 4 tokens) fits alone in 12 tokens but not with the heading.
    const body = [words(4), words(4, 5, 4), words(4, 5, 8)].join('\n');
    const { chunks } = chunk([heading('Title'), para(body)], noOverlap(12));
    expect(chunks.map((c) => c.text)).toEqual([
      `Title\n\n${words(4)}\n${words(4, 5, 4)}`,
      words(4, 5, 8),
    ]);
    expect(chunks[1]?.headingPath).toEqual(['Title']);
  });

  it('makes a heading its own chunk only when its section is empty', () => {
    const { chunks } = chunk([heading('A', 2), heading('B', 2), para(words(3))]);
    expect(chunks.map((c) => c.text)).toEqual(['A', `B\n\n${words(3)}`]);
    expect(chunks.map((c) => c.headingPath)).toEqual([['A'], ['B']]);
  });

  it('keeps a sub-heading together with its parent when nothing is between them', () => {
    const { chunks } = chunk([heading('Guide', 1), heading('Install', 2), para(words(3))]);
    expect(chunks.map((c) => c.text)).toEqual([`Guide\n\nInstall\n\n${words(3)}`]);
    expect(chunks[0]?.headingPath).toEqual(['Guide', 'Install']);
  });

  it('packs consecutive blocks of a section up to maxTokens without cutting blocks that fit', () => {
    const paragraphs = [0, 1, 2, 3, 4].map((i) => para(words(4, 5, i * 4)));
    const { chunks } = chunk([heading('S'), ...paragraphs], noOverlap(10));
    // Heading + 2 paragraphs = 9 tokens; then 2 paragraphs = 8; then the last.
    expect(chunks.map((c) => c.tokens)).toEqual([9, 8, 4]);
    expect(chunks[1]?.text).toBe(`${words(4, 5, 8)}\n\n${words(4, 5, 12)}`);
    for (const c of chunks) expect(c.tokens).toBeLessThanOrEqual(10);
  });

  it('starts a new chunk when the section changes even without a heading block', () => {
    const { blocks } = buildDocument([para(words(2)), para(words(2, 5, 2))]);
    const moved: TextBlock[] = [blocks[0] as TextBlock, { ...(blocks[1] as TextBlock), headingPath: ['Elsewhere'] }];
    const chunks = chunkBlocks(moved, noOverlap(100));
    expect(chunks.map((c) => c.headingPath)).toEqual([[], ['Elsewhere']]);
  });

  it('never lets a chunk span two PDF pages', () => {
    const { chunks } = chunk([
      para(words(3), { page: 1 }),
      heading('Next', 1, { page: 1 }),
      para(words(3, 5, 3), { page: 2 }),
      para(words(3, 5, 6), { page: 2 }),
    ]);
    expect(chunks.map((c) => [c.page, c.text])).toEqual([
      [1, words(3)],
      [1, 'Next'],
      [2, `${words(3, 5, 3)}\n\n${words(3, 5, 6)}`],
    ]);
    // The content on page 2 still belongs to the section the heading on page 1 opened.
    expect(chunks[2]?.headingPath).toEqual(['Next']);
  });

  it('omits page for non-paged formats', () => {
    const { chunks } = chunk([para(words(2))]);
    expect(chunks[0]).not.toHaveProperty('page');
  });
});

describe('chunkBlocks: cutting blocks', () => {
  it('keeps a code block whole when it fits, rather than filling the previous chunk with part of it', () => {
    const snippet = ['function a() {', '  return 1;', '}'].join('\n');
    // 12 + 10 tokens: the code fits a chunk of its own but not the rest of the paragraph's.
    const { chunks } = chunk([para(words(12)), code(snippet)], noOverlap(20));
    expect(chunks.map((c) => c.text)).toEqual([words(12), snippet]);
  });

  it('cuts an oversize code block at line boundaries, keeping indentation, with exact line spans', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `  let v${i} = compute(${i});`);
    const { chunks, blocks } = chunk([code(lines.join('\n'))], noOverlap(30));
    expect(chunks.length).toBeGreaterThan(1);
    const block = blocks[0] as TextBlock;
    for (const c of chunks) {
      expect(c.tokens).toBeLessThanOrEqual(30);
      const chunkLines = c.text.split('\n');
      expect(chunkLines).toEqual(lines.slice(c.startLine - block.startLine, c.endLine - block.startLine + 1));
    }
    expect(chunks.flatMap((c) => c.text.split('\n'))).toEqual(lines);
  });

  it('cuts an oversize paragraph at lines, an over-long line at sentences, then words, then characters', () => {
    const sentence = (i: number) => `${words(3, 5, i)}.`; // 3 words + "." = 4 tokens
    const longLine = [0, 3, 6, 9].map(sentence).join(' '); // 16 tokens
    const longSentence = words(14, 5, 2); // 14 tokens, no sentence break
    const longWord = 'x'.repeat(60); // 12 tokens
    const { chunks } = chunk([para(`${words(2)}\n${longLine}\n${longSentence}\n${longWord}`)], noOverlap(10));
    expect(chunks.map((c) => c.text)).toEqual([
      `${words(2)}\n${sentence(0)} ${sentence(3)}`, // a line, then as many sentences of the next as fit
      `${sentence(6)} ${sentence(9)}\n${words(2, 5, 2)}`,
      words(10, 5, 4),
      words(2, 5, 14),
      'x'.repeat(50),
      'x'.repeat(10),
    ]);
    for (const c of chunks) expect(c.tokens).toBeLessThanOrEqual(10);
    expect(chunks.map((c) => [c.startLine, c.endLine])).toEqual([
      [1, 2],
      [2, 3],
      [3, 3],
      [3, 3],
      [4, 4],
      [4, 4],
    ]);
  });

  it('cuts inexactly aligned blocks with covering spans', () => {
    // Source "**bold** words" became text "bold words": 4 characters of markup were removed.
    const block: TextBlock = {
      kind: 'paragraph',
      text: `${words(6)}\n${words(6, 5, 6)}`,
      headingPath: [],
      startLine: 10,
      endLine: 14, // the source had the paragraph over five lines
      startChar: 100,
      endChar: 100 + 71 + 4,
    };
    const chunks = chunkBlocks([block], noOverlap(6));
    expect(chunks).toHaveLength(2);
    const [first, second] = chunks as [Chunk, Chunk];
    expect([first.startChar, first.endChar]).toEqual([100, 100 + 35 + 4]);
    expect([second.startChar, second.endChar]).toEqual([100 + 36, 175]);
    expect(first.startLine).toBe(10);
    expect(second.endLine).toBe(14);
    expect(first.endLine).toBeGreaterThanOrEqual(12);
    expect(second.startLine).toBeLessThanOrEqual(12);
  });
});

describe('chunkBlocks: overlap', () => {
  const lines = Array.from({ length: 8 }, (_, i) => words(4, 5, i * 4)); // 4 tokens per line

  it('starts the next chunk with whole trailing lines of the previous one and moves its span back', () => {
    const { chunks, blocks } = chunk([para(lines.join('\n'))], { maxTokens: 16, overlapTokens: 8 });
    const block = blocks[0] as TextBlock;
    const texts = chunks.map((c) => c.text.split('\n'));
    expect(texts).toEqual([lines.slice(0, 4), lines.slice(2, 6), lines.slice(4, 8)]);
    expect(chunks.map((c) => [c.startLine - block.startLine, c.endLine - block.startLine])).toEqual([
      [0, 3],
      [2, 5],
      [4, 7],
    ]);
    const second = chunks[1] as Chunk;
    expect(second.startChar).toBe(block.startChar + lines.slice(0, 2).join('\n').length + 1);
  });

  it('falls back to trailing sentences when the last line is longer than the overlap', () => {
    const line = ['Aaaaa bbbbb.', 'Ccccc ddddd.', 'Eeeee fffff.'].join(' '); // 3 tokens per sentence
    const { chunks } = chunk([para(`${line}\n${words(6, 5, 6)}`)], { maxTokens: 10, overlapTokens: 4 });
    expect(chunks.map((c) => c.text)).toEqual([line, `Eeeee fffff.\n${words(6, 5, 6)}`]);
  });

  it('never overlaps across a heading or a page boundary', () => {
    const { chunks } = chunk(
      [
        para(lines.slice(0, 2).join('\n'), { page: 1 }),
        para(lines.slice(2, 4).join('\n'), { page: 2 }),
        heading('H', 1, { page: 2 }),
        para(lines.slice(4, 6).join('\n'), { page: 2 }),
      ],
      { maxTokens: 100, overlapTokens: 50 },
    );
    expect(firstLines(chunks)).toEqual([lines[0], lines[2], 'H']);
  });

  it('drops the oldest overlap lines first when the next block needs the room', () => {
    // Two trailing lines (8 tokens) would be repeated, but the next paragraph (10 tokens) leaves room for one.
    const { chunks } = chunk([para(lines.slice(0, 4).join('\n')), para(words(10, 5, 16))], {
      maxTokens: 16,
      overlapTokens: 8,
    });
    expect(chunks.map((c) => c.text)).toEqual([lines.slice(0, 4).join('\n'), `${lines[3]}\n\n${words(10, 5, 16)}`]);
  });

  it('repeats later sentences of a one-line chunk but never the chunk from its start', () => {
    const first = 'Aaaaa bbbbb. Ccccc ddddd.'; // two sentences of 3 tokens
    const { chunks } = chunk([para(first), para(words(5, 5, 4))], { maxTokens: 10, overlapTokens: 6 });
    expect(chunks.map((c) => c.text)).toEqual([first, `Ccccc ddddd.\n\n${words(5, 5, 4)}`]);
  });
});

describe('chunkBlocks: options and counters', () => {
  it('rejects options that cannot work', () => {
    expect(() => chunkBlocks([], { maxTokens: 0, overlapTokens: 0 })).toThrow(TroveError);
    expect(() => chunkBlocks([], { maxTokens: 10, overlapTokens: 10 })).toThrow(/overlapTokens/);
    expect(() => chunkBlocks([], { maxTokens: 10, overlapTokens: -1 })).toThrow(TroveError);
  });

  it('returns no chunks for no content', () => {
    const { blocks } = buildDocument([para('   '), para('')]);
    expect(chunkBlocks(blocks, DEFAULT_CHUNKING)).toEqual([]);
  });

  it('counts with the given counter and stays under maxTokens even when joined text costs more than its parts', () => {
    // Like a real tokenizer adding begin/end tokens to every call: the text of two pieces costs 2 less than their sum.
    const withSpecials = (text: string) => estimateTokens(text) + 2;
    const paragraphs = Array.from({ length: 6 }, (_, i) => para(words(3, 5, i * 3)));
    const { blocks } = buildDocument(paragraphs);
    const chunks = chunkBlocks(blocks, noOverlap(12), withSpecials);
    for (const c of chunks) {
      expect(c.tokens).toBe(withSpecials(c.text));
      expect(c.tokens).toBeLessThanOrEqual(12);
    }
    // And one that charges for the blank line between blocks, which the packer does not foresee.
    const perParagraph = (text: string) => estimateTokens(text) + 3 * (text.split('\n\n').length - 1);
    const strict = chunkBlocks(blocks, { maxTokens: 12, overlapTokens: 4 }, perParagraph);
    for (const c of strict) expect(c.tokens).toBeLessThanOrEqual(12);
    expect(strict.map((c) => c.text).join('\n\n')).toContain(words(3, 5, 15));
  });

  it('has defaults that leave room in a 512-token embedding context', () => {
    expect(DEFAULT_CHUNKING.maxTokens).toBeLessThanOrEqual(512 * 0.8);
    expect(DEFAULT_CHUNKING.overlapTokens / DEFAULT_CHUNKING.maxTokens).toBeCloseTo(0.15, 2);
  });

  it('chunks many documents in linear time', () => {
    const paragraph = `${words(40, 6)}.\n${words(30, 7, 3)}. ${words(20, 4, 5)}.`;
    const specs: BlockSpec[] = [];
    for (let i = 0; i < 2_000; i++) {
      specs.push(i % 10 === 0 ? heading(`Section ${i}`, 2) : para(paragraph));
    }
    const { blocks } = buildDocument(specs); // ~1.3 MB of text
    const started = performance.now();
    const chunks = chunkBlocks(blocks, DEFAULT_CHUNKING);
    const elapsed = performance.now() - started;
    expect(chunks.length).toBeGreaterThan(100);
    // A quadratic pass over 2,000 blocks would take minutes; linear takes well under a second.
    expect(elapsed).toBeLessThan(3_000);
  });
});
