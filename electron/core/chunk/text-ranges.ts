/**
 * Finding lines, sentences and words inside a string as [start, end) offset ranges, without copying.
 * The chunker splits blocks with these so that every piece is a slice of the block's own text: a chunk's text
 * can then be rebuilt with one `slice` per block, and its span follows from the offsets.
 */

/** A half-open range [start, end) of UTF-16 offsets into some string. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** Exactly the characters JavaScript's `\s` matches, as a char-code test (hot path: no regex per character). */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** True if text[start, end) holds anything but whitespace. */
export function hasContent(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpaceCode(text.charCodeAt(i))) return true;
  return false;
}

/**
 * [start, end) without surrounding whitespace, or undefined when nothing is left.
 * With `keepIndent` only whole blank lines are dropped at the front, so a code piece keeps the indentation of its
 * first line (its span then starts at the start of that line, where an editor would put the cursor).
 */
export function trimRange(text: string, start: number, end: number, keepIndent = false): TextRange | undefined {
  let e = end;
  while (e > start && isSpaceCode(text.charCodeAt(e - 1))) e--;
  if (e === start) return undefined;
  let s = start;
  let lineStart = start;
  while (s < e && isSpaceCode(text.charCodeAt(s))) {
    s++;
    if (text.charCodeAt(s - 1) === 10) lineStart = s;
  }
  return { start: keepIndent ? lineStart : s, end: e };
}

/** The non-blank lines of text[start, end), each trimmed (indentation kept when `keepIndent`). */
export function lineRanges(text: string, start: number, end: number, keepIndent = false): TextRange[] {
  const out: TextRange[] = [];
  let lineStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text.charCodeAt(i) === 10) {
      const line = trimRange(text, lineStart, i, keepIndent);
      if (line) out.push(line);
      lineStart = i + 1;
    }
  }
  return out;
}

const SENTENCE_END = new Set(['.', '!', '?', '…']);
/** CJK full stops end a sentence even without a following space, since CJK text has no spaces. */
const CJK_SENTENCE_END = new Set(['。', '！', '？', '．']);
/** Closing quotes and brackets that belong to the sentence they follow: `He said "no." Then…`. */
const CLOSERS = new Set(['"', "'", ')', ']', '}', '»', '”', '’', '」', '』', '）']);

/**
 * The sentences of text[start, end). A sentence ends after . ! ? … (plus closing quotes) followed by whitespace,
 * or after a CJK full stop. Abbreviations ("e.g. this") do split, which is harmless: pieces are only ever
 * re-packed side by side, so a spurious boundary costs nothing but a slightly earlier cut.
 */
export function sentenceRanges(text: string, start: number, end: number): TextRange[] {
  const out: TextRange[] = [];
  let sentenceStart = start;
  const push = (to: number): void => {
    const sentence = trimRange(text, sentenceStart, to);
    if (sentence) out.push(sentence);
    sentenceStart = to;
  };
  for (let i = start; i < end; i++) {
    const ch = text.charAt(i);
    if (CJK_SENTENCE_END.has(ch)) {
      let j = i + 1;
      while (j < end && CLOSERS.has(text.charAt(j))) j++;
      push(j);
      i = j - 1;
    } else if (SENTENCE_END.has(ch)) {
      let j = i + 1;
      while (j < end && CLOSERS.has(text.charAt(j))) j++;
      if (j < end && isSpaceCode(text.charCodeAt(j))) {
        push(j);
        i = j;
      }
    }
  }
  push(end);
  return out;
}

/** The whitespace-separated words of text[start, end). */
export function wordRanges(text: string, start: number, end: number): TextRange[] {
  const out: TextRange[] = [];
  let wordStart = -1;
  for (let i = start; i < end; i++) {
    const space = isSpaceCode(text.charCodeAt(i));
    if (space && wordStart >= 0) {
      out.push({ start: wordStart, end: i });
      wordStart = -1;
    } else if (!space && wordStart < 0) {
      wordStart = i;
    }
  }
  if (wordStart >= 0) out.push({ start: wordStart, end });
  return out;
}

/** True if offset `i` falls between the two halves of a surrogate pair (cutting there would corrupt a character). */
export function insideSurrogatePair(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
