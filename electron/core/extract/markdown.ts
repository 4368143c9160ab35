/**
 * Markdown (CommonMark + GFM, via mdast): headings with their section path, paragraphs, lists, tables,
 * code and quotes become blocks whose text is free of markup but laid out on the block's source lines.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Root, RootContent } from 'mdast';
import { blockAt, blockOverLines, isBlankLine, sourceLines, type BlockContent, type Extraction } from './block.ts';
import { LineIndex } from './line-index.ts';
import { LinkCounter, linkListingRole } from './link-listing.ts';
import { LineCanvas, inlineText, lastLineOf, paintCode, paintFlow } from './markdown-lines.ts';
import { DEFAULT_SECTIONING, parseInSections, type MarkdownSectioning } from './markdown-sections.ts';
import type { BlockKind, TextBlock } from '../types.ts';

/** YAML (---) or TOML (+++) front matter at the very start of the file. */
const FRONT_MATTER = /^(---|\+\+\+)[ \t]*\r?\n[\s\S]*?\r?\n\1[ \t]*(?=\r?\n|$)/;

/** `sectioning` decides which files are parsed a section at a time (markdown-sections.ts); the blocks are the same either way. */
export function extractMarkdown(source: string, sectioning: MarkdownSectioning = DEFAULT_SECTIONING): Extraction {
  const lines = new LineIndex(source);
  const frontMatter = FRONT_MATTER.exec(source)?.[0] ?? '';
  // Blank the front matter out instead of cutting it, so offsets and line numbers stay those of the file;
  // parsed as Markdown it would turn into a rule and a setext heading.
  const body = frontMatter.replace(/[^\r\n]/g, ' ') + source.slice(frontMatter.length);
  const walker = new MarkdownWalker(lines);
  if (frontMatter !== '') walker.addFrontMatter(frontMatter);
  const links = new LinkCounter();
  // A large file is parsed a section at a time; each section's tree is garbage once walked.
  for (const tree of parseInSections(body, lines, parseMarkdown, sectioning)) {
    for (const node of tree.children) walker.visit(node);
    countLinks(tree, links);
  }
  const title = frontMatterTitle(frontMatter) ?? walker.firstH1;
  // A file that is only a listing of links (mdBook's SUMMARY.md, a docs index) is one in every block.
  const role = linkListingRole(links.counts, title === undefined ? [] : [title]);
  const blocks = role === undefined ? walker.blocks : walker.blocks.map((block) => ({ ...block, role }));
  return title === undefined ? { blocks } : { blocks, title };
}

function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function countLinks(tree: Root, counter: LinkCounter): void {
  const walk = (node: Nodes, inLink: boolean): void => {
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') counter.addText(node.value, inLink);
    const link = node.type === 'link' || node.type === 'linkReference';
    if (link) counter.addLink();
    if ('children' in node) for (const child of node.children) walk(child, inLink || link);
  };
  walk(tree, false);
}

class MarkdownWalker {
  readonly blocks: TextBlock[] = [];
  firstH1: string | undefined;
  private readonly headings: Array<{ level: number; text: string }> = [];

  constructor(private readonly lines: LineIndex) {}

  /** Front matter is indexed verbatim (tags, descriptions are worth finding), minus its fences. */
  addFrontMatter(frontMatter: string): void {
    const isBlank = (line: number): boolean => isBlankLine(this.lines.lineText(line));
    let first = 2;
    let last = this.lines.lineOf(frontMatter.length - 1) - 1;
    while (first <= last && isBlank(first)) first++;
    while (last >= first && isBlank(last)) last--;
    if (first > last) return;
    const text = sourceLines(this.lines, first, last).join('\n');
    this.blocks.push(blockOverLines(this.lines, first, last, { kind: 'code', text, headingPath: [] }));
  }

  visit(node: RootContent): void {
    switch (node.type) {
      case 'heading':
        return this.addHeading(node.depth, inlineText(node.children), node);
      case 'paragraph':
      case 'html':
        return this.addPainted('paragraph', node);
      case 'list':
        return this.addPainted('list', node);
      case 'table':
        return this.addPainted('table', node);
      case 'code':
        return this.addPainted('code', node);
      case 'blockquote':
      case 'footnoteDefinition':
        for (const child of node.children) this.visit(child);
        return;
      default:
        // Thematic breaks, link definitions: nothing to read.
        return;
    }
  }

  private addHeading(level: number, text: string, node: Nodes): void {
    while ((this.headings.at(-1)?.level ?? 0) >= level) this.headings.pop();
    if (text === '') return;
    this.push(node, { kind: 'heading', text, headingPath: this.headingPath(), level });
    this.headings.push({ level, text });
    if (level === 1) this.firstH1 ??= text;
  }

  private addPainted(kind: BlockKind, node: RootContent): void {
    if (!node.position) return;
    const canvas = new LineCanvas(node.position.start.line, lastLineOf(node) ?? node.position.start.line);
    if (node.type === 'code') paintCode(canvas, node);
    else paintFlow(canvas, node, 0);
    const text = canvas.text();
    if (text.trim() !== '') this.push(node, { kind, text, headingPath: this.headingPath() });
  }

  private push(node: Nodes, content: BlockContent): void {
    const start = node.position?.start.offset;
    let end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    // A block running to the end of the file can include its final line break; the span ends before it.
    while (end > start && (this.lines.text[end - 1] === '\n' || this.lines.text[end - 1] === '\r')) end--;
    this.blocks.push(blockAt(this.lines, start, end, content));
  }

  private headingPath(): string[] {
    return this.headings.map((h) => h.text);
  }
}

function frontMatterTitle(frontMatter: string): string | undefined {
  const match = /^title\s*[:=]\s*(.+?)\s*$/m.exec(frontMatter);
  const title = match?.[1]?.replace(/^(["'])(.*)\1$/, '$2').trim();
  return title === '' ? undefined : title;
}
