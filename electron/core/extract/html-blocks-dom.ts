/**
 * Walks an HTML document (one htmlparser2 parse, no layout engine) and returns its readable blocks with
 * offsets into the HTML source. Page chrome is dropped and, when the page marks its main content, only that
 * content is read. Shared by the HTML extractor and by DOCX (mammoth converts Word documents to HTML).
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import type { BlockKind, PassageRole } from '../types.ts';
import { LinkCounter, linkListingRole, type LinkCounts } from './link-listing.ts';

type HtmlDocument = ReturnType<typeof parseDocument>;
type HtmlNode = HtmlDocument['children'][number];
type HtmlElement = Parameters<typeof DomUtils.getAttributeValue>[0];

export interface HtmlBlock {
  readonly kind: BlockKind;
  readonly text: string;
  readonly headingPath: readonly string[];
  readonly level?: number;
  /** Half-open span in the HTML source, trimmed to the block's first and last visible characters. */
  readonly start: number;
  readonly end: number;
}

export interface HtmlStructure {
  readonly blocks: HtmlBlock[];
  readonly title?: string;
  /** Set when the whole page is a listing of links: a table of contents or an index (link-listing.ts). */
  readonly role?: PassageRole;
}

/** Never readable content: scripts, chrome, controls, embedded media, and the document head. */
const DROPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'nav', 'aside', 'button', 'select',
  'input', 'textarea', 'label', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'map', 'dialog',
  'head', 'title', 'meta', 'link', 'base',
]);
/** Landmark roles that mark chrome even on a plain <div>. */
const DROPPED_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary', 'menu', 'menubar', 'toolbar']);
/** Elements that end the running text before and after them. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'header', 'hgroup', 'html', 'li', 'main', 'ol', 'p',
  'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'td', 'th', 'ul', 'menu', 'hr',
]);
const HEADING_LEVELS: ReadonlyMap<string, number> = new Map([['h1', 1], ['h2', 2], ['h3', 3], ['h4', 4], ['h5', 5], ['h6', 6]]);
const KIND_BY_TAG: ReadonlyMap<string, BlockKind> = new Map([['li', 'list'], ['dt', 'list'], ['dd', 'list'], ['table', 'table']]);
const ASCII_WHITESPACE = /[ \t\n\f\r]/;

export function htmlStructure(html: string): HtmlStructure {
  const document = parseDocument(html, { withStartIndices: true, withEndIndices: true });
  const collector = new BlockCollector(html);
  const roots = contentRoots(document);
  for (const root of roots) collector.visit(root);
  collector.flush();
  const title = documentTitle(document);
  const firstHeading = collector.blocks.find((block) => block.kind === 'heading')?.text;
  const role = linkListingRole(linkCounts(roots), [title, firstHeading].filter((text) => text !== undefined));
  return { blocks: collector.blocks, ...(title ? { title } : {}), ...(role ? { role } : {}) };
}

/** Visible text and link text of the content, chrome left out as the blocks leave it out. */
function linkCounts(roots: readonly HtmlNode[]): LinkCounts {
  const counter = new LinkCounter();
  const walk = (node: HtmlNode, inLink: boolean): void => {
    if (DomUtils.isText(node)) return counter.addText(node.data, inLink);
    if (!DomUtils.isTag(node) || isDropped(node)) return;
    const link = node.name === 'a' && node.attribs['href'] !== undefined;
    if (link) counter.addLink();
    for (const child of node.children) walk(child, inLink || link);
  };
  for (const root of roots) walk(root, false);
  return counter.counts;
}

/** The visible text of an HTML fragment on one line (for raw HTML embedded in Markdown). */
export function htmlFragmentText(html: string): string {
  return htmlStructure(html).blocks.map((block) => block.text).join(' ');
}

/** <main>, else [role=main], else the page's articles, else the body; chrome outside them is never read. */
function contentRoots(document: HtmlDocument): HtmlNode[] {
  const nodes = document.children;
  const main =
    DomUtils.findOne((e) => e.name === 'main' && !isDropped(e), nodes) ??
    DomUtils.findOne((e) => e.attribs['role'] === 'main' && !isDropped(e), nodes);
  if (main) return [main];
  const articles = DomUtils.findAll((e) => e.name === 'article' && !isDropped(e), nodes);
  const outermost = articles.filter((a) => !articles.some((b) => b !== a && isDescendant(a, b)));
  if (outermost.length > 0) return outermost;
  const body = DomUtils.findOne((e) => e.name === 'body', nodes);
  return body ? [body] : nodes;
}

function isDescendant(node: HtmlElement, ancestor: HtmlElement): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

function isDropped(element: HtmlElement): boolean {
  const { name, attribs } = element;
  if (DROPPED_TAGS.has(name)) return true;
  if (name === 'form' && !holdsProse(element)) return true;
  if ((name === 'header' || name === 'footer') && !insideContentSection(element)) return true;
  if (attribs['hidden'] !== undefined || attribs['aria-hidden'] === 'true') return true;
  const role = attribs['role'];
  if (role !== undefined && DROPPED_ROLES.has(role)) return true;
  const style = attribs['style'];
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** A <header>/<footer> inside <article> or <main> is the article's own (title, byline), not page chrome. */
function insideContentSection(element: HtmlElement): boolean {
  for (let p = element.parent; p; p = p.parent) {
    if ('name' in p && (p.name === 'article' || p.name === 'main')) return true;
  }
  return false;
}

/**
 * Forms are chrome (search boxes, sign-up) except on pages that wrap their whole body in one form, as
 * ASP.NET WebForms does; such a form holds headings or paragraphs and is kept.
 */
function holdsProse(form: HtmlElement): boolean {
  return DomUtils.findOne((e) => e.name === 'p' || e.name === 'article' || e.name === 'main' || HEADING_LEVELS.has(e.name), form.children) !== null;
}

function documentTitle(document: HtmlDocument): string | undefined {
  const head = DomUtils.findOne((e) => e.name === 'head', document.children);
  const title = DomUtils.findOne((e) => e.name === 'title', head ? head.children : document.children);
  const text = title ? collapse(DomUtils.textContent(title)) : '';
  return text === '' ? undefined : text;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A piece of decoded text and where it sits in the source (no position for synthetic breaks). */
interface Segment {
  readonly text: string;
  readonly start?: number;
  readonly end?: number;
}

class BlockCollector {
  readonly blocks: HtmlBlock[] = [];
  private readonly headings: Array<{ level: number; text: string }> = [];
  /** The heading titles, rebuilt only when a heading changes them; blocks share it (it is never mutated). */
  private path: readonly string[] = [];
  private readonly kinds: BlockKind[] = ['paragraph'];
  private pending: Segment[] = [];

  constructor(private readonly source: string) {}

  visit(node: HtmlNode): void {
    if (DomUtils.isText(node)) {
      this.pending.push({ text: node.data, start: node.startIndex ?? undefined, end: endOf(node) });
      return;
    }
    if (!DomUtils.isTag(node) || isDropped(node)) return;
    const level = HEADING_LEVELS.get(node.name);
    if (level !== undefined) return this.emitHeading(node, level);
    if (node.name === 'pre') {
      this.flush();
      return this.emitSegments('code', segmentsOf(node), false);
    }
    if (node.name === 'tr') return this.emitRow(node);
    if (node.name === 'br') {
      this.pending.push({ text: ' ' });
      return;
    }
    if (!BLOCK_TAGS.has(node.name)) {
      for (const child of node.children) this.visit(child);
      return;
    }
    this.flush();
    this.kinds.push(KIND_BY_TAG.get(node.name) ?? this.kinds.at(-1) ?? 'paragraph');
    for (const child of node.children) this.visit(child);
    this.flush();
    this.kinds.pop();
  }

  /** Ends the running text: whatever inline text has accumulated becomes a block. */
  flush(): void {
    const segments = this.pending;
    this.pending = [];
    this.emitSegments(this.kinds.at(-1) ?? 'paragraph', segments, true);
  }

  private emitHeading(element: HtmlElement, level: number): void {
    this.flush();
    const segments = segmentsOf(element);
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

  private emitRow(row: HtmlElement): void {
    this.flush();
    const cells = row.children.filter((c): c is HtmlElement => DomUtils.isTag(c) && (c.name === 'td' || c.name === 'th'));
    const cellTexts = cells.map((cell) => collapse(segmentsOf(cell).map((s) => s.text).join(''))).filter((t) => t !== '');
    const span = this.spanOf(cells.flatMap(segmentsOf));
    if (cellTexts.length > 0 && span) this.blocks.push({ kind: 'row', text: cellTexts.join(' | '), headingPath: this.path, ...span });
  }

  private emitSegments(kind: BlockKind, segments: Segment[], collapseWhitespace: boolean): void {
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

/** Text segments under an element, skipping dropped descendants; <br> becomes a line break. */
function segmentsOf(element: HtmlElement): Segment[] {
  const out: Segment[] = [];
  const walk = (node: HtmlNode): void => {
    if (DomUtils.isText(node)) out.push({ text: node.data, start: node.startIndex ?? undefined, end: endOf(node) });
    else if (DomUtils.isTag(node) && !isDropped(node)) {
      if (node.name === 'br') out.push({ text: '\n' });
      else for (const child of node.children) walk(child);
    }
  };
  for (const child of element.children) walk(child);
  return out;
}

function endOf(node: HtmlNode): number | undefined {
  return node.endIndex === null ? undefined : node.endIndex + 1;
}
