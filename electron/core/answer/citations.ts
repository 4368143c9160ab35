/**
 * Citation checking. The model cites sources as [n]; only numbers of sources actually given in the prompt are
 * kept. A citation of any other number (a source the model invented or remembered) is removed and counted, so
 * every citation shown to the user points at a passage the model really saw.
 */

/** [1], [2, 3], [4][5]: a bracket holding only source numbers. Other brackets ("[see below]") are text. */
const CITATION = /\[(\s*\d{1,4}\s*(?:,\s*\d{1,4}\s*)*)\]/g;

export interface CheckedCitations {
  /** The answer with invalid citations removed. */
  readonly text: string;
  /** Valid source numbers in order of first citation. */
  readonly cited: number[];
  /** How many citations named a source that was not given. */
  readonly removed: number;
}

/** Keeps citations of sources 1..sourceCount, drops the rest. */
export function checkCitations(answer: string, sourceCount: number): CheckedCitations {
  const cited: number[] = [];
  let removed = 0;
  const text = answer.replace(CITATION, (_match, inner: string) => {
    const numbers = inner.split(',').map((part) => Number(part.trim()));
    const valid = numbers.filter((n) => Number.isInteger(n) && n >= 1 && n <= sourceCount);
    removed += numbers.length - valid.length;
    for (const n of valid) if (!cited.includes(n)) cited.push(n);
    return valid.length === 0 ? '' : `[${valid.join(', ')}]`;
  });
  return { text, cited, removed };
}

/** Longest text a citation can span ("[1234, 1234, …]"); a longer bracket is ordinary text. */
const MAX_PENDING = 32;

/**
 * Applies checkCitations to streamed text: text is passed on at once, except from a "[" until it is known
 * whether a citation follows, so users never see a citation that is later removed. Feeding the answer in any
 * pieces gives the same text and counts as checkCitations on the whole answer.
 */
export class CitationStreamFilter {
  private pending = '';
  private readonly cited: number[] = [];
  private removed = 0;
  private output = '';

  constructor(
    private readonly sourceCount: number,
    private readonly emit: (text: string) => void = () => {},
  ) {}

  push(piece: string): void {
    this.pending += piece;
    this.drain(false);
  }

  /** Flushes what is held back and returns the checked answer. */
  finish(): CheckedCitations {
    this.drain(true);
    return { text: this.output, cited: [...this.cited], removed: this.removed };
  }

  private drain(final: boolean): void {
    let ready = '';
    while (this.pending !== '') {
      const open = this.pending.indexOf('[');
      if (open === -1) {
        ready += this.pending;
        this.pending = '';
        break;
      }
      ready += this.pending.slice(0, open);
      this.pending = this.pending.slice(open);
      const close = this.pending.indexOf(']');
      const undecided = close === -1 && !final && this.pending.length < MAX_PENDING && /^\[[\d\s,]*$/.test(this.pending);
      if (undecided) break;
      // The bracket either closes, or can no longer become a citation: decide on the text up to "]" (or "[").
      const end = close === -1 ? 1 : close + 1;
      const candidate = this.pending.slice(0, end);
      const nextOpen = candidate.indexOf('[', 1);
      const span = nextOpen > 0 ? this.pending.slice(0, nextOpen) : candidate;
      ready += this.check(span);
      this.pending = this.pending.slice(span.length);
    }
    if (ready !== '') {
      this.output += ready;
      this.emit(ready);
    }
  }

  private check(span: string): string {
    const result = checkCitations(span, this.sourceCount);
    this.removed += result.removed;
    for (const n of result.cited) if (!this.cited.includes(n)) this.cited.push(n);
    return result.text;
  }
}
