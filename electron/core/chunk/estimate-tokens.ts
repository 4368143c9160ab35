/**
 * A fast, tokenizer-free estimate of how many tokens a text costs, used to size chunks before (or without) a model.
 *
 * Why this shape: sub-word tokenizers (BPE, WordPiece, SentencePiece) first split text at whitespace and at
 * changes between letters, digits and punctuation, then cut each piece into vocabulary entries. Common English
 * words are one token, longer or rarer ones a few; numbers go in groups of about three digits; punctuation merges
 * into short runs; CJK characters are about one token each; other scripts get far fewer merges than English.
 * So we scan once, split the same way, and charge each run by its length:
 *
 *   Latin letters ⌈n/5⌉ · digits ⌈n/3⌉ · punctuation/symbols ⌈n/2⌉ · other alphabets ⌈n/2⌉ ·
 *   CJK / kana / Hangul 1 per character · astral characters (emoji, rare CJK) 2 each · whitespace 0.
 *
 * Calibration: against the rule of thumb of ~4 characters per token for English prose. Charging a Latin word
 * ⌈n/5⌉ gives 3.6 characters per token on a Dickens paragraph (short words, many commas) and 4.0 on a technical
 * paragraph (long words): on the rule, erring slightly high. ⌈n/4⌉ gave 3.4 (a quarter more tokens than the rule,
 * wasting chunk room) and ⌈n/6⌉ gave 4.1–4.3 (under the rule, and further under the small WordPiece vocabularies
 * of small embedding models, which cut long words into more pieces than large BPE vocabularies do).
 * Erring high is deliberate: the count sizes chunks for an embedding model with a hard context limit, where an
 * underestimate means silently truncated text while an overestimate only means slightly smaller chunks. Code
 * comes out at ~2.8 characters per token because of its punctuation, as with real tokenizers. When a model is
 * loaded its own tokenizer can be passed to the chunker instead.
 *
 * Two properties the chunker relies on: whitespace costs nothing and always ends a run, so the estimate of
 * texts joined by whitespace is the sum of their estimates; and cutting a text anywhere never lowers the
 * total (⌈a/k⌉ + ⌈b/k⌉ ≥ ⌈(a+b)/k⌉), so the sum of the pieces' estimates bounds the joined text's from above.
 *
 * Linear time, no allocation.
 */
import { isSpaceCode } from './text-ranges.ts';

/** Character classes; a run is a maximal stretch of one class. */
const SPACE = 0;
const LATIN = 1;
const DIGIT = 2;
const SYMBOL = 3;
const OTHER_LETTER = 4;
/** Classes charged per character rather than per run. */
const PER_CHAR = 5;
const ASTRAL = 6;

/** Characters per token for each run class (index = class). */
const CHARS_PER_TOKEN = [0, 5, 3, 2, 2, 1, 1];

export function estimateTokens(text: string): number {
  return estimateTokensIn(text, 0, text.length);
}

/**
 * The estimate of text.slice(start, end), without making the slice: the chunker counts every word of a long line
 * this way, and a copied string per word was much of what a multi-MB line cost.
 * With `limit`, counting may stop as soon as the count exceeds it (the result is then some number above `limit`):
 * to learn that a 10 MB line does not fit in a chunk, its first few thousand characters are enough.
 */
export function estimateTokensIn(text: string, start: number, end: number, limit = Infinity): number {
  let tokens = 0;
  let runClass = SPACE;
  let runLength = 0;
  for (let i = start; i < end; i++) {
    const cls = classify(text.charCodeAt(i));
    // The common case, the run goes on (runClass is never PER_CHAR or ASTRAL, which are charged at once).
    if (cls === runClass) {
      if (cls !== SPACE) runLength++;
      continue;
    }
    // A new run, or a character charged on its own: the run before it is charged.
    if (tokens > limit) return tokens;
    if (runLength > 0) tokens += Math.ceil(runLength / (CHARS_PER_TOKEN[runClass] ?? 1));
    runLength = 0;
    runClass = cls;
    if (cls === SPACE) continue;
    if (cls === PER_CHAR) {
      tokens += 1;
      runClass = SPACE;
    } else if (cls === ASTRAL) {
      tokens += 2;
      runClass = SPACE;
      // The low half of the pair is part of the same character (if it is inside the range).
      const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    } else {
      runLength++;
    }
  }
  if (runLength > 0) tokens += Math.ceil(runLength / (CHARS_PER_TOKEN[runClass] ?? 1));
  return tokens;
}

function classify(c: number): number {
  if (c < 128) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return LATIN;
    if (c >= 48 && c <= 57) return DIGIT;
    if (c <= 32) return isSpaceCode(c) ? SPACE : SYMBOL;
    return SYMBOL;
  }
  if (isSpaceCode(c)) return SPACE;
  // Latin-1 letters, Latin Extended-A/B, IPA, combining accents, Latin Extended Additional (Vietnamese).
  const latin = (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x250 && c <= 0x36f);
  if (latin || (c >= 0x1e00 && c <= 0x1eff)) return LATIN;
  if (c < 0xc0 || c === 0xd7 || c === 0xf7) return SYMBOL;
  // General punctuation, currency, letterlike, arrows, maths, box drawing, dingbats… through CJK punctuation.
  if ((c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f)) return SYMBOL;
  if (c >= 0xd800 && c <= 0xdbff) return ASTRAL;
  if (
    (c >= 0x1100 && c <= 0x11ff) || // Hangul Jamo
    (c >= 0x2e80 && c <= 0x2fff) || // CJK radicals
    (c >= 0x3040 && c <= 0x9fff) || // kana, CJK symbols, Extension A, unified ideographs
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xac00 && c <= 0xd7ff) || // Hangul syllables
    (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
    (c >= 0xff00 && c <= 0xffef) // full-width forms
  ) {
    return PER_CHAR;
  }
  return OTHER_LETTER;
}
