import { describe, expect, it } from 'vitest';
import { analyze, toFtsQuery } from '../../../electron/core/search/analyze.ts';

describe('analyze', () => {
  it('folds case and accents and stems English words', () => {
    expect(analyze('Café NAÏVE Zürich studies running')).toEqual(['cafe', 'naiv', 'zurich', 'studi', 'run']);
  });

  it('gives the same terms to accented and plain spellings', () => {
    expect(analyze('résumé')).toEqual(analyze('resume'));
  });

  it('turns Chinese and Japanese runs into overlapping bigrams', () => {
    expect(analyze('東京都')).toEqual(['東京', '京都']);
    expect(analyze('検索エンジン')).toEqual(['検索', '索エ', 'エン', 'ンジ', 'ジン']);
    expect(analyze('猫')).toEqual(['猫']);
  });

  it('segments Thai into words', () => {
    expect(analyze('ภาษาไทย')).toEqual(['ภาษา', 'ไทย']);
  });

  it('keeps numbers and splits on punctuation', () => {
    expect(analyze('IL-6, 42.5%')).toEqual(['il', '6', '42', '5']);
  });
});

describe('toFtsQuery', () => {
  it('ORs quoted terms and drops common words', () => {
    expect(toFtsQuery('How do I reset the password?')).toBe('"reset" OR "password"');
  });

  it('has no searchable term when the query holds only stop words', () => {
    expect(toFtsQuery('to be or not')).toBeUndefined();
  });

  it('quotes FTS5 operators so they are searched as words', () => {
    expect(toFtsQuery('NEAR')).toBe('"near"');
  });

  it('returns undefined for a query with no searchable term', () => {
    expect(toFtsQuery('?!… ')).toBeUndefined();
  });
});
