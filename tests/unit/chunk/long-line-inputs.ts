/**
 * Deterministic single-line documents (a few hundred KB) for long-line.test.ts: the shapes that once made a
 * multi-MB line slow to chunk — millions of word pieces, over-long sentences, unspaced runs cut at characters,
 * a heading whose content does not fit beside it, spans that are not the text verbatim, and a model-like counter.
 */
import { estimateTokens } from '../../../electron/core/chunk/estimate-tokens.ts';
import type { ChunkingOptions, TextBlock, TokenCounter } from '../../../electron/core/types.ts';

export interface LongLineCase {
  readonly name: string;
  readonly blocks: TextBlock[];
  readonly options: ChunkingOptions;
  readonly countTokens?: TokenCounter;
}

/** The hostile corpus's filler (tests/helpers/hostile-corpus.ts): words, no full stop. */
export const FILLER = 'the quick brown fox jumps over the lazy dog while the archive keeps growing ';

const VOCABULARY = [
  'index', 'the', 'of', 'retrieval', 'naïve', 'déjà', '2024', 'x=1;', 'foo(bar)', '東京', 'データ', '🙂', '—',
  'end.', 'why?', 'no!"', 'so…', '文。', '「引用」。', 'ok.)', 'e.g.', 'a.b.c', 'base64:QUJDRA==', '\u00a0', '«quoted»',
];

/** `count` words from VOCABULARY, with an unspaced run now and then, from a fixed seed (same text on every run). */
export function wordSoup(count: number, seed: number): string {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.004) words.push('q'.repeat(200 + Math.floor(random() * 3000)));
    else if (r < 0.006) words.push('🙂東'.repeat(100 + Math.floor(random() * 400)));
    else words.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)] as string);
  }
  return words.join(' ');
}

/** One block holding `text` on a single source line; `sourceExtra` widens its span as markup would. */
export function lineBlock(text: string, kind: TextBlock['kind'] = 'paragraph', sourceExtra = 0, headingPath: string[] = []): TextBlock {
  return { kind, text, headingPath, startLine: 1, endLine: 1, startChar: 0, endChar: text.length + sourceExtra };
}

export function longLineCases(): LongLineCase[] {
  const soup = wordSoup(40_000, 7);
  const heading: TextBlock = { kind: 'heading', text: 'Guide', headingPath: [], level: 1, startLine: 1, endLine: 1, startChar: 0, endChar: 7 };
  const underHeading: TextBlock = { ...lineBlock(wordSoup(20_000, 11), 'paragraph', 0, ['Guide']), startLine: 3, endLine: 3, startChar: 9 };
  return [
    { name: 'the hostile corpus line (words only)', blocks: [lineBlock(`longlineq ${FILLER.repeat(2_600)}longlineendq`)], options: { maxTokens: 400, overlapTokens: 60 } },
    { name: 'mixed words, sentences, unspaced runs', blocks: [lineBlock(soup)], options: { maxTokens: 400, overlapTokens: 60 } },
    { name: 'small chunks with overlap', blocks: [lineBlock(soup)], options: { maxTokens: 25, overlapTokens: 10 } },
    { name: 'a span wider than the text', blocks: [lineBlock(soup, 'paragraph', 5_000)], options: { maxTokens: 120, overlapTokens: 30 } },
    { name: 'code on one line', blocks: [lineBlock(soup, 'code')], options: { maxTokens: 60, overlapTokens: 12 } },
    { name: 'a heading over a long line', blocks: [heading, underHeading], options: { maxTokens: 80, overlapTokens: 20 } },
    {
      name: 'a counter that is not the estimator',
      blocks: [lineBlock(soup)],
      options: { maxTokens: 50, overlapTokens: 10 },
      countTokens: (text) => estimateTokens(text) + 2 * (text.split('. ').length - 1),
    },
  ];
}
