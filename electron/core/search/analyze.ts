/**
 * Our own text analyser for the full-text index. FTS5's built-in tokenizers either fold accents or stem
 * (porter) but cannot segment scripts written without spaces; doing it here, once, for both documents and
 * queries keeps them consistent:
 * - typographic quotes, dashes and the minus sign read as ASCII, soft hyphens and zero-width characters are
 *   dropped, and words hyphenated across line ends are joined (typography.ts);
 * - NFKC (full-width forms, ligatures) and lower case; Latin/Greek/Cyrillic accents folded (é → e);
 * - words of letters and digits; stop words dropped, decided on the word as written, before stemming, by the
 *   English list and, for a text in another listed language, that language's list (stop-language.ts);
 * - English words Porter-stemmed (studies → studi);
 * - Chinese, Japanese and Korean runs become overlapping character bigrams (東京都 → 東京 京都), the
 *   approach of Lucene's CJK analyser, which matches words without a dictionary;
 * - Thai, Lao, Khmer and Myanmar runs are split into words with ICU's dictionary segmenter.
 * The FTS5 table then only splits on the spaces we put between terms. Stop words are not indexed, so they
 * cost neither index space nor BM25 time, and a query made only of them has no searchable term.
 */
import { stemmer } from 'stemmer';
import { foldCase } from './fold.ts';
import { StopwordTally } from './stop-language.ts';
import { ENGLISH_CLITICS, languageBit, LONGEST_STOPWORD, STOPWORD_LANGUAGES } from './stopwords.ts';
import { plainTypography } from './typography.ts';

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const SOUTHEAST_ASIAN = String.raw`\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`;
const TOKEN = new RegExp(
  String.raw`([${CJK}]+)|([${SOUTHEAST_ASIAN}][${SOUTHEAST_ASIAN}\p{M}]*)|([\p{L}\p{N}][\p{L}\p{N}\p{M}]*)`,
  'gu',
);
const ASCII_WORD = /^[a-z]+$/;
const MAX_TERM_LENGTH = 64;
/** Marks a term that is not a word of a stop list (bigrams, segmented words): never dropped. */
const NOT_A_STOPWORD = 0;

let segmenter: Intl.Segmenter | undefined;

/** Terms of `text` in order, as indexed: stop words left out. */
export function analyze(text: string): string[] {
  const { words, masks, stopLists } = tokenize(text);
  return termsOf(words, masks, stopLists);
}

/**
 * Terms of one `word` (or phrase) of `context`, with the stop lists `context`'s language calls for: "die" in
 * "Why do cells die?" is an English word, though alone it could be a German article (and be dropped).
 */
export function analyzeIn(context: string, word: string): string[] {
  const { words, masks } = tokenize(word);
  return termsOf(words, masks, tokenize(context).stopLists);
}

/** The one index term `word` of `context` analyses to, or undefined (a stop word, or several terms). */
export function singleTermIn(context: string, word: string): string | undefined {
  const terms = analyzeIn(context, word);
  return terms.length === 1 ? terms[0] : undefined;
}

function termsOf(words: readonly string[], masks: readonly number[], stopLists: number): string[] {
  const terms: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (((masks[i] ?? 0) & stopLists) === 0) terms.push(toTerm(words[i] ?? ''));
  }
  return terms;
}

/** True when `text` reads as German (its stop words call for the German list): German capitalises every noun. */
export function isGermanText(text: string): boolean {
  return (tokenize(text).stopLists & languageBit('de')) !== 0;
}

/** The words of `text` with their stop-list masks, and the stop lists its language calls for. */
function tokenize(text: string): { words: string[]; masks: number[]; stopLists: number } {
  const folded = foldCase(plainTypography(text));
  const words: string[] = [];
  const masks: number[] = [];
  const tally = new StopwordTally();
  for (const match of folded.matchAll(TOKEN)) {
    const [, cjk, southeastAsian, word] = match;
    if (cjk !== undefined) pushBigrams(cjk, words, masks);
    else if (southeastAsian !== undefined) pushSegmentedWords(southeastAsian, words, masks);
    else if (word !== undefined && !isClitic(word, folded, match.index)) {
      const mask = word.length > LONGEST_STOPWORD ? NOT_A_STOPWORD : (STOPWORD_LANGUAGES.get(word) ?? NOT_A_STOPWORD);
      tally.add(word, mask);
      words.push(word);
      masks.push(mask);
    }
  }
  return { words, masks, stopLists: tally.listsToApply() };
}

/** The analysed form stored in an FTS5 column: terms separated by spaces. */
export function toIndexedText(text: string): string {
  return analyze(text).join(' ');
}

/**
 * The distinct content terms of a query or question, analysed as the index analyses text (stop words of the
 * question's language dropped before stemming). This is the one function for "which words of the question
 * matter"; empty when the query holds only stop words or no words at all (nothing to search for).
 */
export function queryTerms(query: string): string[] {
  return [...new Set(analyze(query))];
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

function toTerm(word: string): string {
  const term = word.length > MAX_TERM_LENGTH ? word.slice(0, MAX_TERM_LENGTH) : word;
  return ASCII_WORD.test(term) && term.length > 2 ? stemmer(term) : term;
}

/** "t" in "don't", "s" in "it's": a one-letter clitic right after an apostrophe. */
function isClitic(word: string, text: string, index: number): boolean {
  return word.length === 1 && index > 0 && text[index - 1] === "'" && ENGLISH_CLITICS.has(word);
}

function pushBigrams(run: string, words: string[], masks: number[]): void {
  const chars = Array.from(run);
  if (chars.length === 1) {
    words.push(run);
    masks.push(NOT_A_STOPWORD);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) {
    words.push(`${chars[i]}${chars[i + 1]}`);
    masks.push(NOT_A_STOPWORD);
  }
}

function pushSegmentedWords(run: string, words: string[], masks: number[]): void {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  for (const segment of segmenter.segment(run)) {
    if (segment.isWordLike) {
      words.push(segment.segment);
      masks.push(NOT_A_STOPWORD);
    }
  }
}
