import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../../electron/core/chunk/estimate-tokens.ts';

const PROSE =
  'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of ' +
  'foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, it ' +
  'was the season of Darkness, it was the spring of hope, it was the winter of despair.';
const TECHNICAL =
  'Retrieval-augmented generation combines a retriever, which selects relevant passages from an indexed ' +
  'corpus, with a generator that conditions its answer on those passages. Chunking strategy significantly ' +
  'influences retrieval quality: chunks that are too large dilute the embedding.';

describe('estimateTokens', () => {
  it('costs nothing for empty or blank text', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens(' \n\t\u00a0\u3000')).toBe(0);
  });

  it('lands near the ~4 characters per token rule for English, erring high', () => {
    for (const text of [PROSE, TECHNICAL]) {
      const charsPerToken = text.length / estimateTokens(text);
      expect(charsPerToken).toBeGreaterThan(3.3);
      expect(charsPerToken).toBeLessThanOrEqual(4.2);
    }
  });

  it('charges words by length, numbers in groups of three, punctuation in pairs', () => {
    expect(estimateTokens('the')).toBe(1);
    expect(estimateTokens('chunk')).toBe(1);
    expect(estimateTokens('retrieval')).toBe(2);
    expect(estimateTokens('2024')).toBe(2);
    expect(estimateTokens('foo();')).toBe(1 + 2);
    expect(estimateTokens('naïve déjà')).toBe(2);
  });

  it('charges CJK about one token per character and emoji two', () => {
    expect(estimateTokens('東京都')).toBe(3);
    expect(estimateTokens('データベース')).toBe(6);
    expect(estimateTokens('한국어')).toBe(3);
    expect(estimateTokens('🙂')).toBe(2);
  });

  it('charges other alphabets more than Latin', () => {
    expect(estimateTokens('привет')).toBe(3);
    expect(estimateTokens('privet')).toBe(2);
  });

  const unit = fc.constantFrom('a', 'Z', 'é', '1', '.', '(', ' ', '\n', '東', 'я', '🙂');
  const text = fc.string({ unit, maxLength: 60 });

  it('adds up over text joined by whitespace (the chunker packs on sums)', () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom(' ', '\n', '\n\n'), (a, b, gap) => {
        expect(estimateTokens(a + gap + b)).toBe(estimateTokens(a) + estimateTokens(b));
      }),
    );
  });

  it('never costs more for a text than for the pieces it is cut into', () => {
    fc.assert(
      fc.property(text, fc.nat(), (s, at) => {
        const cut = s.length === 0 ? 0 : at % s.length;
        expect(estimateTokens(s)).toBeLessThanOrEqual(estimateTokens(s.slice(0, cut)) + estimateTokens(s.slice(cut)));
      }),
    );
  });

  it('is fast: a megabyte in well under a second', () => {
    const big = `${PROSE}\n`.repeat(Math.ceil(1_000_000 / PROSE.length));
    const started = performance.now();
    const tokens = estimateTokens(big);
    expect(tokens).toBeGreaterThan(200_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
