/**
 * A file that is one multi-MB line: chunking it must cost about what the same bytes in many lines cost.
 * It once took ~0.3 s per MB: the line was cut into all of its words at once (two million objects for 10 MB,
 * copied twice and kept alive until the end, so the garbage collector copied them again), each counted through a
 * string slice. The splitter now hands out pieces one at a time and counts in place. Its output must not change:
 * the digests below were taken from the chunker before that change, on the same inputs.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chunkBlocks } from '../../../electron/core/chunk/chunker.ts';
import { DEFAULT_CHUNKING } from '../../../electron/core/chunk/default-chunking.ts';
import { estimateTokens, estimateTokensIn } from '../../../electron/core/chunk/estimate-tokens.ts';
import { BlockSplitter, rangeCounter } from '../../../electron/core/chunk/split-block.ts';
import { FILLER, lineBlock, longLineCases } from './long-line-inputs.ts';

/** Chunk count and the first 16 hex digits of sha256(JSON of the chunks), from the chunker before the lazy splitter. */
const BEFORE: Record<string, [number, string]> = {
  'the hostile corpus line (words only)': [105, 'b2360a998aa676f4'],
  'mixed words, sentences, unspaced runs': [660, 'df8df6856dd1b49b'],
  'small chunks with overlap': [10510, '56fd4ddf054d79da'],
  'a span wider than the text': [2148, '0951b63c9417c8b9'],
  'code on one line': [3773, '8b88b66740879566'],
  'a heading over a long line': [1609, '6edb69e5cd5c6ce1'],
  'a counter that is not the estimator': [5153, 'da7641b348f29e9a'],
};

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** `bytes` of the hostile corpus's one-line file (words, no full stop). */
const fillerLine = (bytes: number): string => `longlineq ${FILLER.repeat(Math.ceil(bytes / FILLER.length))}longlineendq`;

describe('chunking a long single line', () => {
  it.each(longLineCases())('gives exactly the chunks it gave before: $name', ({ name, blocks, options, countTokens }) => {
    const chunks = countTokens ? chunkBlocks(blocks, options, countTokens) : chunkBlocks(blocks, options);
    expect([chunks.length, digest(chunks)]).toEqual(BEFORE[name]);
  });

  it('counts each character a bounded number of times, so the work grows linearly with the line', () => {
    // A counter other than the estimator is handed every text it counts, so the work can be measured exactly.
    const work = (bytes: number) => {
      let characters = 0;
      let calls = 0;
      const chunks = chunkBlocks([lineBlock(fillerLine(bytes))], DEFAULT_CHUNKING, (text) => {
        characters += text.length;
        calls += 1;
        return estimateTokens(text);
      });
      return { perCharacter: characters / bytes, characters, calls, chunks: chunks.length };
    };
    const small = work(2 ** 20);
    const large = work(4 * 2 ** 20);
    // The whole line once, every word once, every chunk's text once: three passes at most, whatever the length.
    for (const { perCharacter } of [small, large]) expect(perCharacter).toBeLessThan(3);
    expect(large.characters / small.characters).toBeCloseTo(4, 1);
    expect(large.calls / small.calls).toBeCloseTo(4, 1);
    expect(large.chunks / small.chunks).toBeCloseTo(4, 1);
  });

  it('hands out the first pieces of a line without cutting the rest of it first', () => {
    const text = fillerLine(2 ** 20);
    let calls = 0;
    const countRange = rangeCounter((piece) => {
      calls += 1;
      return estimateTokens(piece);
    });
    const splitter = BlockSplitter.ofBlock(text, { maxTokens: 400, countRange, isCode: false }, 0);
    expect(splitter.next()).toEqual({ block: 0, start: 0, end: 9, tokens: 2, level: 'word' });
    expect(splitter.next()).toMatchObject({ start: 10, end: 13, level: 'word' });
    // The whole line (to learn it does not fit), then one count per word handed out; not its 200,000 words.
    expect(calls).toBe(3);
  });

  it('stops counting a range once it is known not to fit, and counts exactly when it does', () => {
    const text = fillerLine(2 ** 20);
    const exact = estimateTokens(text);
    expect(estimateTokensIn(text, 0, text.length)).toBe(exact);
    expect(estimateTokensIn(text, 0, text.length, exact)).toBe(exact);
    const bounded = estimateTokensIn(text, 0, text.length, 400);
    expect(bounded).toBeGreaterThan(400);
    expect(bounded).toBeLessThan(500);
    expect(estimateTokensIn(text, 10, 13)).toBe(estimateTokens(text.slice(10, 13)));
  });
});
