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

/**
 * Hands out the ranges of one kind (lines, sentences, words) one at a time, scanning only as far as the next one:
 * the splitter walks a multi-MB line word by word without ever holding its millions of words at once.
 */
export interface RangeCursor {
  next(): TextRange | undefined;
}

/** Every range a cursor has left, in order. */
function drain(cursor: RangeCursor): TextRange[] {
  const out: TextRange[] = [];
  for (let range = cursor.next(); range; range = cursor.next()) out.push(range);
  return out;
}

/** The non-blank lines of text[start, end), each trimmed (indentation kept when `keepIndent`). */
export function lineRanges(text: string, start: number, end: number, keepIndent = false): TextRange[] {
  return drain(new LineCursor(text, start, end, keepIndent));
}

export class LineCursor implements RangeCursor {
  private pos: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
    private readonly keepIndent = false,
  ) {
    this.pos = start;
  }

  next(): TextRange | undefined {
    const { text, end } = this;
    while (this.pos <= end) {
      let i = this.pos;
      while (i < end && text.charCodeAt(i) !== 10) i++;
      const line = trimRange(text, this.pos, i, this.keepIndent);
      this.pos = i + 1;
      if (line) return line;
    }
    return undefined;
  }
}

/** . ! ? … — a sentence ends after one of these when whitespace follows. */
function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

/** 。！？． — CJK full stops end a sentence even without a following space, since CJK text has no spaces. */
function isCjkSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff0e;
}

/** Closing quotes and brackets that belong to the sentence they follow: `He said "no." Then…`. */
const CLOSERS = new Set([...'"\')]}»”’」』）'].map((ch) => ch.charCodeAt(0)));

/**
 * The sentences of text[start, end). A sentence ends after . ! ? … (plus closing quotes) followed by whitespace,
 * or after a CJK full stop. Abbreviations ("e.g. this") do split, which is harmless: pieces are only ever
 * re-packed side by side, so a spurious boundary costs nothing but a slightly earlier cut.
 */
export function sentenceRanges(text: string, start: number, end: number): TextRange[] {
  return drain(new SentenceCursor(text, start, end));
}

export class SentenceCursor implements RangeCursor {
  /** Where the scan goes on, and where the sentence being scanned started. */
  private pos: number;
  private sentenceStart: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
    this.sentenceStart = start;
  }

  next(): TextRange | undefined {
    const { text, end } = this;
    while (this.sentenceStart < end) {
      const to = this.nextBoundary();
      const sentence = trimRange(text, this.sentenceStart, to);
      this.sentenceStart = to;
      if (sentence) return sentence;
    }
    return undefined;
  }

  /** Offset just past the next sentence end (its closers included), or `end`. */
  private nextBoundary(): number {
    const { text, end } = this;
    for (let i = this.pos; i < end; i++) {
      const c = text.charCodeAt(i);
      // Letters fall between the ASCII stops (! . ?) and the rest (… and CJK): one test skips most characters.
      if ((c > 63 && c < 0x2026) || (!isCjkSentenceEnd(c) && !isSentenceEnd(c))) continue;
      let j = i + 1;
      while (j < end && CLOSERS.has(text.charCodeAt(j))) j++;
      if (isCjkSentenceEnd(c)) {
        this.pos = j;
        return j;
      }
      // The whitespace after a full stop is skipped by the scan (it cannot end a sentence).
      if (j < end && isSpaceCode(text.charCodeAt(j))) {
        this.pos = j + 1;
        return j;
      }
    }
    this.pos = end;
    return end;
  }
}

/** The whitespace-separated words of text[start, end). */
export function wordRanges(text: string, start: number, end: number): TextRange[] {
  return drain(new WordCursor(text, start, end));
}

export class WordCursor implements RangeCursor {
  private pos: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  next(): TextRange | undefined {
    const { text, end } = this;
    let i = this.pos;
    while (i < end && isSpaceCode(text.charCodeAt(i))) i++;
    if (i >= end) {
      this.pos = end;
      return undefined;
    }
    const start = i;
    while (i < end && !isSpaceCode(text.charCodeAt(i))) i++;
    this.pos = i;
    return { start, end: i };
  }
}

/** True if offset `i` falls between the two halves of a surrogate pair (cutting there would corrupt a character). */
export function insideSurrogatePair(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
