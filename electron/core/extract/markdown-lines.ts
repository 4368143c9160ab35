/**
 * Renders mdast nodes as clean text laid out on the source lines they came from: text line i of a block is
 * the content of source line startLine+i. Markup disappears (emphasis, links, escapes, entities) but soft
 * line breaks survive, which keeps Markdown blocks splittable by line like plain text.
 */
import type { Code, List, Nodes, PhrasingContent, RootContent, Table } from 'mdast';
import { htmlFragmentText } from './html-blocks.ts';

export class LineCanvas {
  private readonly rows: string[];

  constructor(readonly startLine: number, readonly endLine: number) {
    this.rows = new Array<string>(Math.max(1, endLine - startLine + 1)).fill('');
  }

  /** Appends `text` to source line `line` (clamped into the canvas). */
  write(line: number, text: string): void {
    const row = Math.min(Math.max(line - this.startLine, 0), this.rows.length - 1);
    this.rows[row] += text;
  }

  /** Writes a possibly multi-line value starting at `line`, one value line per source line when they match. */
  writeLines(line: number, value: string, spanLines: number): void {
    const parts = value.split(/\r\n|\r|\n/);
    if (parts.length !== spanLines) {
      this.write(line, parts.join(' '));
      return;
    }
    parts.forEach((part, i) => this.write(line + i, part));
  }

  text(): string {
    return this.rows.map((row) => row.trimEnd()).join('\n');
  }
}

export function startLineOf(node: Nodes, fallback: number): number {
  return node.position?.start.line ?? fallback;
}

/**
 * The last source line holding any of the node. A node that runs to the end of the file after a final
 * line break (an unclosed fence) ends at column 1 of the line after, which holds nothing of it.
 */
export function lastLineOf(node: Nodes): number | undefined {
  const position = node.position;
  if (!position) return undefined;
  const { start, end } = position;
  return end.column === 1 && end.line > start.line ? end.line - 1 : end.line;
}

function spanLinesOf(node: Nodes): number {
  return node.position ? (lastLineOf(node) ?? node.position.start.line) - node.position.start.line + 1 : 1;
}

/** Paints phrasing content (the inside of a paragraph, heading or table cell). */
export function paintInline(canvas: LineCanvas, nodes: readonly PhrasingContent[], fallbackLine: number): void {
  for (const node of nodes) {
    const line = startLineOf(node, fallbackLine);
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        canvas.writeLines(line, node.value, spanLinesOf(node));
        break;
      case 'image':
      case 'imageReference':
        if (node.alt) canvas.write(line, node.alt);
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
      case 'linkReference':
        paintInline(canvas, node.children, line);
        break;
      default:
        // break: the next node already starts on the next line; html tags, footnote markers: no text.
        break;
    }
  }
}

/** Paints flow content (list items, quotes, tables, code) found inside a block. */
export function paintFlow(canvas: LineCanvas, node: RootContent, depth: number): void {
  const line = startLineOf(node, canvas.startLine);
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      paintInline(canvas, node.children, line);
      break;
    case 'code':
      paintCode(canvas, node);
      break;
    case 'list':
      paintList(canvas, node, depth);
      break;
    case 'table':
      paintTable(canvas, node);
      break;
    case 'html':
      canvas.write(line, htmlFragmentText(node.value));
      break;
    case 'blockquote':
    case 'listItem':
    case 'footnoteDefinition':
      for (const child of node.children) paintFlow(canvas, child, depth);
      break;
    default:
      break;
  }
}

/**
 * Fenced code keeps its fences (with the language, the one piece of metadata worth indexing) so the text
 * lines still match the source lines; indented code is just its lines.
 */
export function paintCode(canvas: LineCanvas, node: Code): void {
  const line = startLineOf(node, canvas.startLine);
  const valueLines = node.value === '' ? 0 : node.value.split('\n').length;
  const fenceLines = spanLinesOf(node) - valueLines;
  if (fenceLines <= 0) {
    canvas.writeLines(line, node.value, valueLines);
    return;
  }
  canvas.write(line, '```' + (node.lang ?? ''));
  if (valueLines > 0) canvas.writeLines(line + 1, node.value, valueLines);
  if (fenceLines >= 2) canvas.write(line + 1 + valueLines, '```');
}

function paintList(canvas: LineCanvas, list: List, depth: number): void {
  list.children.forEach((item, index) => {
    const line = startLineOf(item, canvas.startLine);
    const marker = list.ordered ? `${(list.start ?? 1) + index}. ` : '- ';
    const task = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
    canvas.write(line, '  '.repeat(depth) + marker + task);
    for (const child of item.children) paintFlow(canvas, child, depth + 1);
  });
}

/** One source line per row, cells separated by " | "; the delimiter row stays an empty line. */
function paintTable(canvas: LineCanvas, table: Table): void {
  for (const row of table.children) {
    const line = startLineOf(row, canvas.startLine);
    const cells = row.children.map((cell) => inlineText(cell.children));
    canvas.write(line, cells.join(' | '));
  }
}

/** Phrasing content as a single line of text (headings, table cells). */
export function inlineText(nodes: readonly PhrasingContent[]): string {
  const first = nodes[0] ? startLineOf(nodes[0], 1) : 1;
  const lastNode = nodes.at(-1);
  const last = (lastNode && lastLineOf(lastNode)) ?? first;
  const canvas = new LineCanvas(first, last);
  paintInline(canvas, nodes, first);
  return canvas.text().replace(/\s+/g, ' ').trim();
}
