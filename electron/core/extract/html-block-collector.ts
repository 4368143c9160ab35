/**
 * Turns the open/close/text events of the content (html-walk.ts) into blocks. Inline text runs until an element
 * that ends it (a block element, a heading, a <pre>, a table row); a heading, a <pre> and a row are read whole
 * and become one block each when they close. Each open element gets a frame saying how its content is read.
 */
import type { BlockKind } from '../types.ts';
import type { HtmlBlock } from './html-blocks.ts';
import { HEADING_LEVELS, isDropped } from './html-chrome.ts';
import { collapse } from './html-page-plan.ts';
import type { HtmlText, OpenElement } from './html-walk.ts';

/** Elements that end the running text before and after them. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'header', 'hgroup', 'html', 'li', 'main', 'ol', 'p',
  'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'td', 'th', 'ul', 'menu', 'hr',
]);
const KIND_BY_TAG: ReadonlyMap<string, BlockKind> = new Map([['li', 'list'], ['dt', 'list'], ['dd', 'list'], ['table', 'table']]);
const ASCII_WHITESPACE = /[ \t\n\f\r]/;

/** A piece of decoded text and where it sits in the source (no position for synthetic breaks). */
interface Segment {
  readonly text: string;
  readonly start?: number;
  readonly end?: number;
}

/** A table row being read: the segments of its cells, in order, and each cell's text. */
interface Row {
  readonly segments: Segment[];
  readonly cellTexts: string[];
}

/**
 * How an element's content is read. `inline`: running text and nested blocks. `whole`: all visible text into
 * `segments` (a heading, a <pre>, a table cell, and everything inside them). `row`: only the <td>/<th>
 * children count. `skip`: nothing (chrome, or what a row holds besides cells).
 */
type Frame =
  | { readonly mode: 'inline'; readonly onClose?: () => void }
  | { readonly mode: 'whole'; readonly segments: Segment[]; readonly onClose?: () => void }
  | { readonly mode: 'row'; readonly row: Row; readonly onClose: () => void }
  | { readonly mode: 'skip' };

const SKIP: Frame = { mode: 'skip' };

export class HtmlBlockCollector {
  readonly blocks: HtmlBlock[] = [];
  private readonly headings: Array<{ level: number; text: string }> = [];
  /** The heading titles, rebuilt only when a heading changes them; blocks share it (it is never mutated). */
  private path: readonly string[] = [];
  private readonly kinds: BlockKind[] = ['paragraph'];
  private pending: Segment[] = [];
  private readonly frames: Frame[] = [];

  constructor(
    private readonly source: string,
    private readonly formsWithProse: ReadonlySet<number>,
  ) {}

  open(element: OpenElement, ancestors: readonly OpenElement[]): void {
    const parent = this.frames.at(-1) ?? { mode: 'inline' };
    this.frames.push(this.frameFor(parent, element, ancestors));
  }

  close(): void {
    const frame = this.frames.pop();
    if (frame && frame.mode !== 'skip') frame.onClose?.();
  }

  text(node: HtmlText): void {
    const parent = this.frames.at(-1) ?? { mode: 'inline' };
    if (parent.mode === 'inline') this.pending.push(node);
    else if (parent.mode === 'whole') parent.segments.push(node);
  }

  /** Ends the running text: whatever inline text has accumulated becomes a block. */
  flush(): void {
    const segments = this.pending;
    this.pending = [];
    this.emitSegments(this.kinds.at(-1) ?? 'paragraph', segments, true);
  }

  private frameFor(parent: Frame, element: OpenElement, ancestors: readonly OpenElement[]): Frame {
    switch (parent.mode) {
      case 'skip':
        return SKIP;
      case 'row':
        // A row reads its cells, hidden or not, and nothing else it holds.
        return element.name === 'td' || element.name === 'th' ? this.cellFrame(parent.row) : SKIP;
      case 'whole':
        if (this.dropped(element, ancestors)) return SKIP;
        if (element.name === 'br') parent.segments.push({ text: '\n' });
        return { mode: 'whole', segments: parent.segments };
      case 'inline':
        return this.inlineChildFrame(element, ancestors);
    }
  }

  private inlineChildFrame(element: OpenElement, ancestors: readonly OpenElement[]): Frame {
    if (this.dropped(element, ancestors)) return SKIP;
    const { name } = element;
    const level = HEADING_LEVELS.get(name);
    if (level !== undefined) {
      this.flush();
      const segments: Segment[] = [];
      return { mode: 'whole', segments, onClose: () => this.emitHeading(segments, level) };
    }
    if (name === 'pre') {
      this.flush();
      const segments: Segment[] = [];
      return { mode: 'whole', segments, onClose: () => this.emitSegments('code', segments, false) };
    }
    if (name === 'tr') {
      this.flush();
      return this.rowFrame();
    }
    if (name === 'br') {
      this.pending.push({ text: ' ' });
      return SKIP;
    }
    if (!BLOCK_TAGS.has(name)) return { mode: 'inline' };
    this.flush();
    this.kinds.push(KIND_BY_TAG.get(name) ?? this.kinds.at(-1) ?? 'paragraph');
    return {
      mode: 'inline',
      onClose: () => {
        this.flush();
        this.kinds.pop();
      },
    };
  }

  private rowFrame(): Frame {
    const row: Row = { segments: [], cellTexts: [] };
    return { mode: 'row', row, onClose: () => this.emitRow(row) };
  }

  private cellFrame(row: Row): Frame {
    const segments: Segment[] = [];
    return {
      mode: 'whole',
      segments,
      onClose: () => {
        row.segments.push(...segments);
        const text = collapse(segments.map((s) => s.text).join(''));
        if (text !== '') row.cellTexts.push(text);
      },
    };
  }

  private dropped(element: OpenElement, ancestors: readonly OpenElement[]): boolean {
    return isDropped(element, { ancestors, formsWithProse: this.formsWithProse });
  }

  private emitHeading(segments: readonly Segment[], level: number): void {
    // Drop permalink marks that documentation generators append to headings.
    const text = collapse(segments.map((s) => s.text).join('')).replace(/\s*[¶§#]$/, '');
    while ((this.headings.at(-1)?.level ?? 0) >= level) this.headings.pop();
    this.path = this.headings.map((h) => h.text);
    const span = this.spanOf(segments);
    if (text !== '' && span) this.blocks.push({ kind: 'heading', text, headingPath: this.path, level, ...span });
    if (text === '') return;
    this.headings.push({ level, text });
    this.path = this.headings.map((h) => h.text);
  }

  private emitRow(row: Row): void {
    const span = this.spanOf(row.segments);
    if (row.cellTexts.length > 0 && span) this.blocks.push({ kind: 'row', text: row.cellTexts.join(' | '), headingPath: this.path, ...span });
  }

  private emitSegments(kind: BlockKind, segments: readonly Segment[], collapseWhitespace: boolean): void {
    const joined = segments.map((s) => s.text).join('');
    // <pre> keeps its layout; the newline right after <pre> is not content (HTML parsing rules).
    const text = collapseWhitespace ? collapse(joined) : joined.replace(/^\r?\n/, '').trimEnd();
    const span = this.spanOf(segments);
    if (text !== '' && span) this.blocks.push({ kind, text, headingPath: this.path, ...span });
  }

  /** From the first to the last visible source character of the segments that carry text. */
  private spanOf(segments: readonly Segment[]): { start: number; end: number } | undefined {
    const visible = segments.filter((s) => s.start !== undefined && s.end !== undefined && s.text.trim() !== '');
    let start = visible[0]?.start;
    let end = visible.at(-1)?.end;
    if (start === undefined || end === undefined) return undefined;
    while (start < end && ASCII_WHITESPACE.test(this.source[start] ?? '')) start++;
    while (end > start && ASCII_WHITESPACE.test(this.source[end - 1] ?? '')) end--;
    return { start, end };
  }
}
