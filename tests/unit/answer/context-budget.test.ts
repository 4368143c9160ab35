import { describe, expect, it } from 'vitest';
import { fitToContext, longestFittingPrefix, withinSourceBudget } from '../../../electron/core/answer/context-budget.ts';
import { groundedMessages, type PromptSource } from '../../../electron/core/answer/prompt.ts';
import { wordTokens } from './fakes.ts';

const source = (words: number, tag: string) => ({ tag, text: Array.from({ length: words }, () => tag).join(' ') });
type S = ReturnType<typeof source>;
const build = (selected: readonly S[]) =>
  groundedMessages(
    'q',
    selected.map((s, i): PromptSource => ({ n: i + 1, path: `${s.tag}.md`, startLine: 1, endLine: 1, page: null, heading: '', text: s.text })),
  );

describe('fitToContext', () => {
  it('takes sources in rank order while prompt plus answer reserve fit, skipping ones too long', () => {
    const empty = wordTokens(build([]));
    const perSource = (words: number) => words + 2; // "[n] path" header + words
    const candidates = [source(50, 'a'), source(200, 'b'), source(30, 'c'), source(40, 'd')];
    const contextSize = empty + perSource(50) + perSource(30) + 10 + 100;
    const result = fitToContext({ candidates, build, count: wordTokens, contextSize, answerTokens: 100 });
    expect(result.sources.map((s) => s.tag)).toEqual(['a', 'c']);
    expect(result.promptTokens).toBe(wordTokens(build(result.sources)));
    expect(result.promptTokens + 100).toBeLessThanOrEqual(contextSize);
    expect(result.dropped).toBe(2);
  });

  it('never exceeds the window, whatever the sizes', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const candidates = Array.from({ length: 8 }, (_, i) => source(((seed * 37 + i * 101) % 300) + 1, `s${i}`));
      const contextSize = 200 + ((seed * 53) % 800);
      const result = fitToContext({ candidates, build, count: wordTokens, contextSize, answerTokens: 64 });
      expect(wordTokens(build(result.sources)) + 64).toBeLessThanOrEqual(Math.max(contextSize, wordTokens(build([])) + 64));
    }
  });

  it('returns no source when even the shortest does not fit', () => {
    const result = fitToContext({ candidates: [source(500, 'x')], build, count: wordTokens, contextSize: 300, answerTokens: 100 });
    expect(result.sources).toEqual([]);
    expect(result.dropped).toBe(1);
  });
});

describe('withinSourceBudget', () => {
  it('takes the best-ranked sources while their text fits the budget, and always the first', () => {
    const sizes = [250, 200, 150, 100];
    expect(withinSourceBudget(sizes, (n) => n, 600)).toEqual([250, 200, 150]);
    expect(withinSourceBudget(sizes, (n) => n, 100)).toEqual([250]);
    // Stops at the first source that does not fit: a lower-ranked short one does not jump the queue.
    expect(withinSourceBudget([300, 400, 50], (n) => n, 600)).toEqual([300]);
    expect(withinSourceBudget([], (n: number) => n, 600)).toEqual([]);
  });
});

describe('longestFittingPrefix', () => {
  it('returns the longest word-bounded beginning that fits, marked as cut', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';
    const fits = (prefix: string) => prefix.length <= 30;
    expect(longestFittingPrefix(text, fits)).toBe('alpha beta gamma delta …');
    expect(longestFittingPrefix(text, () => false)).toBeUndefined();
    expect(longestFittingPrefix(text, (p) => p.length <= 12)).toBeUndefined();
  });
});
