/**
 * Our own text analyser for the full-text index. FTS5's built-in tokenizers either fold accents or stem
 * (porter) but cannot segment scripts written without spaces; doing it here, once, for both documents and
 * queries keeps them consistent:
 * - NFKC (full-width forms, ligatures) and lower case; Latin/Greek/Cyrillic accents folded (é → e);
 * - words of letters and digits; English words Porter-stemmed (studies → studi);
 * - Chinese, Japanese and Korean runs become overlapping character bigrams (東京都 → 東京 京都), the
 *   approach of Lucene's CJK analyser, which matches words without a dictionary;
 * - Thai, Lao, Khmer and Myanmar runs are split into words with ICU's dictionary segmenter.
 * The FTS5 table then only splits on the spaces we put between terms.
 */
import { stemmer } from 'stemmer';
import { ENGLISH_STOPWORDS } from './stopwords.ts';

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const SOUTHEAST_ASIAN = String.raw`\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`;
const TOKEN = new RegExp(
  String.raw`([${CJK}]+)|([${SOUTHEAST_ASIAN}][${SOUTHEAST_ASIAN}\p{M}]*)|([\p{L}\p{N}][\p{L}\p{N}\p{M}]*)`,
  'gu',
);
const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;
const ASCII_WORD = /^[a-z]+$/;
const MAX_TERM_LENGTH = 64;

let segmenter: Intl.Segmenter | undefined;

/** Terms of `text` in order, as indexed. */
export function analyze(text: string): string[] {
  const folded = text.normalize('NFKC').toLowerCase().normalize('NFD').replace(COMBINING_DIACRITICS, '').normalize('NFC');
  const terms: string[] = [];
  for (const match of folded.matchAll(TOKEN)) {
    const [, cjk, southeastAsian, word] = match;
    if (cjk !== undefined) pushBigrams(cjk, terms);
    else if (southeastAsian !== undefined) pushSegmentedWords(southeastAsian, terms);
    else if (word !== undefined) pushWord(word, terms);
  }
  return terms;
}

/** The analysed form stored in an FTS5 column: terms separated by spaces. */
export function toIndexedText(text: string): string {
  return analyze(text).join(' ');
}

/**
 * The distinct terms a query searches for. Common English words are dropped unless nothing else is left,
 * which keeps "how do I reset the password" from matching every chunk on "the".
 */
export function queryTerms(query: string): string[] {
  const terms = [...new Set(analyze(query))];
  const meaningful = terms.filter((term) => !ENGLISH_STOPWORDS.has(term));
  return meaningful.length > 0 ? meaningful : terms;
}

/** An FTS5 MATCH expression for chunks holding any of `terms` (terms from analyze()). */
export function anyTermMatch(terms: readonly string[]): string {
  // Terms only hold letters and digits, but quoting keeps FTS5 from reading words like OR/NOT/NEAR as syntax.
  return terms.map((term) => `"${term}"`).join(' OR ');
}

/**
 * An FTS5 MATCH expression that ranks chunks by BM25 over the query's terms (OR, so partial matches count),
 * or undefined when the query has no searchable term.
 */
export function toFtsQuery(query: string): string | undefined {
  const terms = queryTerms(query);
  return terms.length === 0 ? undefined : anyTermMatch(terms);
}

function pushWord(word: string, terms: string[]): void {
  const term = word.length > MAX_TERM_LENGTH ? word.slice(0, MAX_TERM_LENGTH) : word;
  terms.push(ASCII_WORD.test(term) && term.length > 2 ? stemmer(term) : term);
}

function pushBigrams(run: string, terms: string[]): void {
  const chars = Array.from(run);
  if (chars.length === 1) {
    terms.push(run);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) terms.push(`${chars[i]}${chars[i + 1]}`);
}

function pushSegmentedWords(run: string, terms: string[]): void {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  for (const segment of segmenter.segment(run)) {
    if (segment.isWordLike) terms.push(segment.segment);
  }
}
