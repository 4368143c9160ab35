/**
 * Running headers and footers of a PDF: the lines printed at the top or bottom of page after page (page
 * numbers, the book's title, the current chapter's title). They are page furniture, not the page's text: left at
 * the page's edges they would open every passage with "Shared MIME-info Database 12". The current chapter or
 * section they name is what a reader uses to know where they are, so it becomes the page's heading.
 *
 * A line at a page's edge (its first or last two non-blank lines) is running when
 * - it holds the page's printed number: a number at its start or end whose distance from the page's index is the
 *   one most pages share (so "Chapter 3: Utilities 6" on page 9 is, a "6" ending a sentence on page 40 is not);
 * - or its text, without that number, comes back at an edge of other pages.
 * What is left of a running line after its page number and the text printed on most pages (the book's title) is
 * the section title ("INDEX gnuplot 5.4 305" → "INDEX").
 */

/** The running lines of a document: what to leave out of each page, and the titles they give. */
export interface RunningLines {
  readonly pages: PageFurniture[];
  /** Text printed at the edge of most pages (the book's title), in its printed form, when there is such text. */
  readonly documentTitle?: string;
}

/** What to leave out of one page and the section title its running lines give. */
export interface PageFurniture {
  /** Running lines at the top of the page's line list, to leave out of its text. */
  readonly leadingLines: number;
  /** Running lines at the bottom of the page's line list. */
  readonly trailingLines: number;
  /** The current section as the running header or footer prints it, if it does. */
  readonly sectionTitle?: string;
}

/** Only so many lines at each edge of a page are furniture: a header and a subheader, a footer and a folio. */
const EDGE_LINES = 2;
/** Text printed on more than this share of the pages is the document's, not a section's. */
const DOCUMENT_WIDE_SHARE = 0.5;
/** "12 …", "Page 12 …", "12 / 86 …", and the same at a line's end. */
const PAGE_NUMBER_AT_START = /^(?:page\s+)?(\d{1,4})(?:\s*(?:\/|of)\s*\d{1,4})?(?=\s|$)/i;
const PAGE_NUMBER_AT_END = /(?:^|\s)(?:page\s+)?(\d{1,4})(?:\s*(?:\/|of)\s*\d{1,4})?$/i;
const ROMAN_ONLY = /^[ivxlc]{1,6}$/i;
/** A Roman page number (front matter) beside running text: "Auto Multiple Choice iv". Not checked against the page. */
const ROMAN_AT_EDGE = /^[ivxlc]{1,6}\s+|\s+[ivxlc]{1,6}$/gi;
/** A contents entry that happens to end a page ("5.4.8 Style . . . . 37") is text, whatever its number. */
const DOT_LEADERS = /(?:\.\s?){3,}/;
/** How many of a page's first lines may hold the title of a chapter that opens on it. */
const OPENING_LINES = 3;

interface EdgeLine {
  readonly index: number;
  /** The line without its page number, whitespace collapsed. */
  readonly rest: string;
  readonly numbered: boolean;
}

/**
 * Furniture of every page. `pages[i]` holds the lines of page i + 1; `title` is the document's metadata title,
 * which counts as document-wide text even on a short document.
 */
export function runningLines(pages: readonly (readonly string[])[], title?: string): RunningLines {
  const none: PageFurniture = { leadingLines: 0, trailingLines: 0 };
  if (pages.length < 3) return { pages: pages.map(() => none) };
  const minRepeat = pages.length >= 8 ? 3 : 2;
  const offset = pageNumberOffset(pages, minRepeat);
  const edges = pages.map((lines, i) => edgeLines(lines, i + 1, offset));
  const pagesWith = new Map<string, number[]>();
  edges.forEach((pageEdges, i) => {
    for (const key of new Set(pageEdges.map((edge) => keyOf(edge.rest)))) {
      if (/\p{L}/u.test(key)) pagesWith.set(key, [...(pagesWith.get(key) ?? []), i]);
    }
  });
  const documentWide = [...pagesWith]
    .filter(([, on]) => on.length >= minRepeat && on.length > pages.length * DOCUMENT_WIDE_SHARE)
    .sort((a, b) => b[1].length - a[1].length)
    .map(([key]) => key);
  const printedTitle = documentWide[0] === undefined ? undefined : printedForm(edges, documentWide[0]);
  if (title !== undefined && keyOf(title) !== '') documentWide.push(keyOf(title));
  // Longest first, so "gnuplot 5.4 reference" is removed before "gnuplot 5.4".
  documentWide.sort((a, b) => b.length - a.length);
  const repeating = new Set([...pagesWith].filter(([, on]) => runsOn(on, minRepeat)).map(([key]) => key));
  const isRunning = (edge: EdgeLine): boolean => edge.numbered || repeating.has(keyOf(edge.rest));

  const furniture = pages.map((lines, i): PageFurniture => {
    const pageEdges = edges[i] as EdgeLine[];
    const running = new Set(pageEdges.filter(isRunning).map((edge) => edge.index));
    const nonBlank = lines.flatMap((line, index) => (line.trim() === '' ? [] : [index]));
    let first = 0;
    while (first < nonBlank.length && running.has(nonBlank[first] as number)) first++;
    let last = nonBlank.length - 1;
    while (last >= first && running.has(nonBlank[last] as number)) last--;
    if (last < first) return none; // nothing but furniture: keep the page as it is rather than empty it
    const titles = pageEdges
      .filter(isRunning)
      .map((edge) => sectionTitleOf(edge.rest, documentWide))
      .filter((text) => /\p{L}/u.test(text));
    return {
      leadingLines: first === 0 ? 0 : (nonBlank[first] as number),
      trailingLines: last === nonBlank.length - 1 ? 0 : lines.length - 1 - (nonBlank[last] as number),
      ...(titles[0] !== undefined ? { sectionTitle: titles[0] } : {}),
    };
  });
  const carried = withCarriedTitles(furniture, pages);
  return printedTitle === undefined ? { pages: carried } : { pages: carried, documentTitle: printedTitle };
}

/**
 * A chapter's first page usually prints no running header, but opens with the chapter's title, which the next
 * page's header repeats. Such a page takes the next page's title when its own first lines name it (most of the
 * title's words); any other page without a title of its own keeps none.
 */
function withCarriedTitles(furniture: PageFurniture[], pages: readonly (readonly string[])[]): PageFurniture[] {
  return furniture.map((page, i) => {
    const next = furniture[i + 1]?.sectionTitle;
    if (page.sectionTitle !== undefined || next === undefined) return page;
    const opening = pages[i]?.slice(page.leadingLines).filter((line) => line.trim() !== '').slice(0, OPENING_LINES).join(' ') ?? '';
    return namesTitle(opening, next) ? { ...page, sectionTitle: next } : page;
  });
}

function namesTitle(text: string, title: string): boolean {
  const words = (value: string): string[] => value.toLowerCase().match(/\p{L}{3,}/gu) ?? [];
  const present = new Set(words(text));
  const wanted = words(title);
  return wanted.length > 0 && wanted.filter((word) => present.has(word)).length * 2 >= wanted.length;
}

/**
 * Does text found at the edge of these pages (indexes, ascending) run like a header? It must come back on
 * `minRepeat` pages, each after the one before within two pages (headers alternate on facing pages), so a
 * word that merely happens to open a few pages ("Syntax:") is not taken for one.
 */
function runsOn(pages: readonly number[], minRepeat: number): boolean {
  let successive = 0;
  for (let i = 1; i < pages.length; i++) if ((pages[i] as number) - (pages[i - 1] as number) <= 2) successive++;
  return pages.length >= minRepeat && successive >= minRepeat - 1;
}

/** The difference between printed page numbers and page indexes that most pages share, if enough do. */
function pageNumberOffset(pages: readonly (readonly string[])[], minRepeat: number): number | undefined {
  const pagesWithOffset = new Map<number, number>();
  pages.forEach((lines, i) => {
    const offsets = new Set<number>();
    for (const index of edgeIndexes(lines)) {
      const line = (lines[index] as string).trim();
      for (const pattern of [PAGE_NUMBER_AT_START, PAGE_NUMBER_AT_END]) {
        const match = pattern.exec(line);
        if (match) offsets.add(Number(match[1]) - (i + 1));
      }
    }
    for (const offset of offsets) pagesWithOffset.set(offset, (pagesWithOffset.get(offset) ?? 0) + 1);
  });
  let best: [number, number] | undefined;
  for (const entry of pagesWithOffset) if (!best || entry[1] > best[1]) best = entry;
  return best && best[1] >= minRepeat ? best[0] : undefined;
}

/**
 * The page's edge lines, each without its page number. A page prints its number once: on a line of its own if
 * there is one, else on the outermost line that holds it; so a chapter heading "1 Introduction" below the header
 * of printed page 1 stays text.
 */
function edgeLines(lines: readonly string[], page: number, offset: number | undefined): EdgeLine[] {
  const edges = edgeIndexes(lines).map((index) => ({ index, line: (lines[index] as string).replace(/\s+/g, ' ').trim() }));
  const numberOf = (line: string): RegExpExecArray | undefined => {
    if (offset === undefined) return undefined;
    for (const pattern of [PAGE_NUMBER_AT_START, PAGE_NUMBER_AT_END]) {
      const match = pattern.exec(line);
      if (match && Number(match[1]) - page === offset) return match;
    }
    return undefined;
  };
  // The outermost lines first: the header's first line and the footer's last are where folios are printed.
  const outermostFirst = [...edges].sort((a, b) => outerRank(a.index, edges) - outerRank(b.index, edges));
  const folio =
    outermostFirst.find(({ line }) => ROMAN_ONLY.test(line) || numberOf(line)?.[0].trim() === line) ??
    outermostFirst.find(({ line }) => !DOT_LEADERS.test(line) && numberOf(line) !== undefined);
  return edges.map(({ index, line }) => {
    if (index !== folio?.index) return { index, rest: withoutRoman(line), numbered: false };
    const match = numberOf(line);
    const rest = match ? (line.slice(0, match.index) + line.slice(match.index + match[0].length)).replace(/\s+/g, ' ').trim() : '';
    return { index, rest: withoutRoman(rest), numbered: true };
  });
}

/** 0 for a page's first and last lines, 1 for the next ones in. */
function outerRank(index: number, edges: readonly { index: number }[]): number {
  const position = edges.findIndex((edge) => edge.index === index);
  return Math.min(position, edges.length - 1 - position);
}

function withoutRoman(text: string): string {
  const rest = text.replace(ROMAN_AT_EDGE, '').trim();
  return rest === '' ? text : rest;
}

/** Indexes of the first and last EDGE_LINES non-blank lines. */
function edgeIndexes(lines: readonly string[]): number[] {
  const nonBlank = lines.flatMap((line, index) => (line.trim() === '' ? [] : [index]));
  if (nonBlank.length <= 2 * EDGE_LINES) return nonBlank;
  return [...nonBlank.slice(0, EDGE_LINES), ...nonBlank.slice(-EDGE_LINES)];
}

/** The text of an edge line whose key is `key`, as printed. */
function printedForm(edges: readonly (readonly EdgeLine[])[], key: string): string | undefined {
  for (const pageEdges of edges) for (const edge of pageEdges) if (keyOf(edge.rest) === key) return edge.rest;
  return undefined;
}

function keyOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The running text without the document-wide parts, e.g. "CONTENTS gnuplot 5.4" → "CONTENTS". */
function sectionTitleOf(rest: string, documentWide: readonly string[]): string {
  let title = rest;
  for (const text of documentWide) {
    const at = title.toLowerCase().indexOf(text);
    if (at !== -1) title = title.slice(0, at) + title.slice(at + text.length);
  }
  // Separators left behind by the removed parts ("Guide — Installing" → "— Installing").
  return title.replace(/\s+/g, ' ').replace(/^[\s|:·•—–-]+|[\s|:·•—–-]+$/g, '').trim();
}
