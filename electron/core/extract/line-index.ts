/**
 * Maps character offsets of a decoded text to 1-based line numbers and back.
 * A line ends at "\n", "\r\n" or a lone "\r", the same rule editors use, so `file:line` citations open where
 * the user expects even in old Mac-style files.
 */
export class LineIndex {
  /** Offset of the first character of each line; `starts[0]` is line 1. */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) this.starts.push(i + 1);
      else if (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The line holding the character at `offset` (a line break belongs to the line it ends). */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Lines covered by the half-open character span [start, end). */
  linesOf(start: number, end: number): { startLine: number; endLine: number } {
    const startLine = this.lineOf(start);
    return { startLine, endLine: end > start ? this.lineOf(end - 1) : startLine };
  }

  /** Offset of the first character of `line`. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** Offset just past the last character of `line`, line break excluded. */
  lineEnd(line: number): number {
    const next = this.starts[line];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}
