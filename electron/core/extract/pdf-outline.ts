/**
 * The section each PDF page is in, from the document's outline (bookmarks): the author's own table of contents,
 * with exact destinations, so a better source than running headers when a PDF has one.
 *
 * A page belongs to the section in effect at its middle: the last outline entry that starts on an earlier page,
 * or on this page above its vertical middle (a section opening near the bottom of a page is mostly on the next).
 */
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfDocument = Awaited<ReturnType<typeof PdfJsModule.getDocument>['promise']>;
type OutlineNode = NonNullable<Awaited<ReturnType<PdfDocument['getOutline']>>>[number];

interface OutlineEntry {
  readonly path: readonly string[];
  /** 0-based page index. */
  readonly page: number;
  /** The destination's top in page space (y grows upwards); undefined means the top of the page. */
  readonly top: number | undefined;
  readonly order: number;
}

/** Outlines of generated manuals can hold tens of thousands of entries; a title path is never that useful. */
const MAX_ENTRIES = 20_000;

/**
 * For each page (index 0 = page 1), the outline path of its section, or undefined when the document has no
 * usable outline or the page comes before its first entry. `middles[i]` is page i's vertical middle.
 */
export async function outlineHeadings(document: PdfDocument, middles: readonly number[]): Promise<(readonly string[] | undefined)[]> {
  const entries = await outlineEntries(document).catch(() => []);
  const headings: (readonly string[] | undefined)[] = middles.map(() => undefined);
  if (entries.length === 0) return headings;
  entries.sort((a, b) => a.page - b.page || (b.top ?? Infinity) - (a.top ?? Infinity) || a.order - b.order);
  let next = 0;
  let current: OutlineEntry | undefined;
  middles.forEach((middle, page) => {
    for (; next < entries.length; next++) {
      const entry = entries[next] as OutlineEntry;
      if (entry.page > page || (entry.page === page && entry.top !== undefined && entry.top < middle)) break;
      current = entry;
    }
    headings[page] = current?.path;
    // Entries lower on this page count from the next page on.
  });
  return headings;
}

async function outlineEntries(document: PdfDocument): Promise<OutlineEntry[]> {
  const entries: OutlineEntry[] = [];
  const resolve = destinationResolver(document);
  const walk = async (nodes: readonly OutlineNode[], parent: readonly string[]): Promise<void> => {
    for (const node of nodes) {
      if (entries.length >= MAX_ENTRIES) return;
      const title = node.title.replace(/\s+/g, ' ').trim();
      const path = title === '' ? parent : [...parent, title];
      const target = await resolve(node.dest);
      if (target && title !== '') entries.push({ path, ...target, order: entries.length });
      await walk(node.items, path);
    }
  };
  await walk((await document.getOutline()) ?? [], []);
  return entries;
}

type Target = { page: number; top: number | undefined };
type PageRef = Parameters<PdfDocument['getPageIndex']>[0];

/**
 * Resolves outline destinations (named or explicit) to page index and top; undefined for links and broken ones.
 * Page references are cached: each pdfjs call is a round trip to its worker, and outlines of big manuals have
 * thousands of entries on a few hundred pages. Named destinations are looked up one by one (reading them all at
 * once measured no faster, and holds every link target of the document).
 */
function destinationResolver(document: PdfDocument): (dest: OutlineNode['dest']) => Promise<Target | undefined> {
  const pages = new Map<string, Promise<number | undefined>>();
  const pageOf = (ref: PageRef): Promise<number | undefined> => {
    const key = `${ref.num}R${ref.gen}`;
    let page = pages.get(key);
    if (!page) pages.set(key, (page = document.getPageIndex(ref).catch(() => undefined)));
    return page;
  };
  return async (dest) => {
    const explicit = typeof dest === 'string' ? await document.getDestination(dest).catch(() => null) : dest;
    if (!Array.isArray(explicit) || explicit.length === 0) return undefined;
    const [ref, mode, ...args] = explicit as unknown[];
    let page: number | undefined;
    if (typeof ref === 'number') page = ref;
    else if (isPageRef(ref)) page = await pageOf(ref);
    if (page === undefined || !Number.isInteger(page) || page < 0) return undefined;
    return { page, top: topOf((mode as { name?: unknown } | null)?.name, args) };
  };
}

function isPageRef(value: unknown): value is PageRef {
  return value !== null && typeof value === 'object' && typeof (value as { num?: unknown }).num === 'number' && typeof (value as { gen?: unknown }).gen === 'number';
}

/** The top coordinate a destination scrolls to: XYZ left top zoom, FitH top, FitBH top. */
function topOf(mode: unknown, args: readonly unknown[]): number | undefined {
  const top = mode === 'XYZ' ? args[1] : mode === 'FitH' || mode === 'FitBH' ? args[0] : undefined;
  return typeof top === 'number' && Number.isFinite(top) ? top : undefined;
}
