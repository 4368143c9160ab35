/**
 * Parses a large Markdown file section by section, so the syntax tree of a 1 MB changelog never exists whole.
 * micromark keeps every event of what it parses until the tree is built, and the tree itself is many times the
 * text's size: parsed whole, one 0.9 MB Node.js changelog needs over 150 MiB of live heap (docs/benchmarks.md).
 *
 * A section ends before a line that starts an ATX heading (`#` at column 0) after a blank line. Such a line is a
 * top-level heading in the whole file unless a fenced code block or an HTML block that spans blank lines (`<pre>`,
 * `<!--`…) is still open above it: every container (list, quote) closes at an unindented line that is not a
 * paragraph's continuation, and a blank line ends paragraphs, tables and the other HTML blocks. Whether a block is
 * still open is not guessed from the text but read from the section's own parse — block structure is decided line
 * by line, so the parse of a prefix is the whole file's parse of it: when the section's last block runs into its
 * closing blank line, the section is not cut there and grows to a later heading.
 *
 * Link reference and footnote definitions apply to the whole file, so a file that has any is parsed whole. A few
 * lines that look like one (`[eval]:1` in a code sample of a changelog) do not decide: the sections are parsed, kept,
 * and searched for definitions, and only a file that really has one is parsed again whole. Many such lines (an API
 * reference's link list) are taken at their word, to spare a second parse.
 * Positions are moved into the whole file's coordinates, so blocks and citations are those of a whole parse.
 */
import type { Nodes, Root } from 'mdast';
import type { LineIndex } from './line-index.ts';

export interface MarkdownSectioning {
  /** Files up to this many characters are parsed whole: a section's overhead is not worth it. */
  readonly wholeMaxChars: number;
  /** A section is cut at the first heading at least this far from its start. */
  readonly sectionMinChars: number;
}

export const DEFAULT_SECTIONING: MarkdownSectioning = { wholeMaxChars: 64 * 2 ** 10, sectionMinChars: 32 * 2 ** 10 };

/** `[label]:` at a line's start, also inside quotes and list items: a link reference or footnote definition. */
const DEFINITION_LINE = /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t>]+)*\[(?:[^\]\\\r\n]|\\.)*\]:/gm;
/** Up to this many definition-like lines, the sections' parse is checked for real definitions (see above). */
const CHECKED_DEFINITION_LINES = 4;
/** An ATX heading at column 0 (indented, it could belong to a list item or be code). */
const HEADING_LINE = /^#{1,6}(?:[ \t]|$)/;
/** CommonMark's blank line: spaces and tabs only (a no-break space is text). */
const BLANK_LINE = /^[ \t]*$/;

/**
 * The file's syntax trees, one per section in order, with positions in `lines`' coordinates. `text` is the file
 * as parsed (front matter blanked out), with the same offsets and line breaks as `lines.text`.
 */
export function parseInSections(text: string, lines: LineIndex, parse: (markdown: string) => Root, sectioning: MarkdownSectioning = DEFAULT_SECTIONING): Iterable<Root> {
  if (text.length <= sectioning.wholeMaxChars) return [parse(text)];
  const definitionLines = text.match(DEFINITION_LINE)?.length ?? 0;
  if (definitionLines === 0) return sections(text, lines, parse, sectioning.sectionMinChars);
  if (definitionLines > CHECKED_DEFINITION_LINES) return [parse(text)];
  const trees = [...sections(text, lines, parse, sectioning.sectionMinChars)];
  return trees.some(hasDefinition) ? [parse(text)] : trees;
}

function* sections(text: string, lines: LineIndex, parse: (markdown: string) => Root, sectionMinChars: number): Generator<Root> {
  const cuts = headingCuts(lines);
  let start = 0;
  let next = 0;
  while (start < text.length) {
    let wanted = sectionMinChars;
    for (;;) {
      while (next < cuts.length && (cuts[next] ?? 0) - start < wanted) next++;
      const cut = cuts[next];
      if (cut === undefined) {
        yield shifted(parse(text.slice(start)), lines, start);
        return;
      }
      const tree = parse(text.slice(start, cut));
      if (closesBefore(tree, lines.lineStart(lines.lineOf(cut) - 1) - start)) {
        yield shifted(tree, lines, start);
        start = cut;
        break;
      }
      // A block is still open at the cut: try a later heading, twice as far, so a file whose fence never closes
      // is parsed in a few growing attempts rather than once per heading.
      wanted = (cut - start) * 2;
    }
  }
}

/** Offsets of the lines where a section may start: a heading at column 0 after a blank line. */
function headingCuts(lines: LineIndex): number[] {
  const cuts: number[] = [];
  for (let line = 2; line <= lines.lineCount; line++) {
    if (HEADING_LINE.test(lines.lineText(line)) && BLANK_LINE.test(lines.lineText(line - 1))) cuts.push(lines.lineStart(line));
  }
  return cuts;
}

function hasDefinition(tree: Root): boolean {
  const walk = (node: Nodes): boolean =>
    node.type === 'definition' || node.type === 'footnoteDefinition' || ('children' in node && node.children.some(walk));
  return walk(tree);
}

/** Every block of the section ended before its closing blank line (which starts at `blankLineStart`). */
function closesBefore(tree: Root, blankLineStart: number): boolean {
  const end = tree.children.at(-1)?.position?.end.offset;
  return end === undefined || end < blankLineStart;
}

/** The section's tree with positions moved to where the section starts in the file (sections start at a line's start). */
function shifted(tree: Root, lines: LineIndex, start: number): Root {
  if (start === 0) return tree;
  const lineDelta = lines.lineOf(start) - 1;
  const move = (node: Nodes): void => {
    const position = node.position;
    if (position) {
      position.start = { line: position.start.line + lineDelta, column: position.start.column, offset: (position.start.offset ?? 0) + start };
      position.end = { line: position.end.line + lineDelta, column: position.end.column, offset: (position.end.offset ?? 0) + start };
    }
    if ('children' in node) for (const child of node.children) move(child);
  };
  move(tree);
  return tree;
}
