/**
 * E-books (EPUB 2 and 3): chapters in reading order (the package's spine), each chapter's XHTML read with the HTML
 * block walker, its title from the table of contents (EPUB 3 nav document, else EPUB 2 NCX) as the heading its
 * passages sit under. Laid out as plain text like Word documents (plain-layout.ts).
 */
import { DomUtils } from 'htmlparser2';
import type { BlockContent, Extraction } from './block.ts';
import { FormatFailure } from './format-failure.ts';
import { htmlStructure } from './html-blocks.ts';
import { requiredXml } from './ooxml-parts.ts';
import { layOutBlocks } from './plain-layout.ts';
import { attribute, descendants, firstDescendant, parseXml, type XmlDocument } from './xml-tree.ts';
import { openZipPackage, resolvePartPath, type ZipPackage } from './zip-package.ts';

const WHAT = 'The e-book';

interface ManifestItem {
  readonly part: string;
  readonly mediaType: string;
  readonly properties: string;
}

export async function extractEpub(bytes: Uint8Array): Promise<Extraction> {
  const pkg = await openZipPackage(bytes, WHAT);
  const container = await requiredXml(pkg, 'META-INF/container.xml', WHAT);
  const opfPath = attribute(firstDescendant(container, 'rootfile') ?? missing('its package file'), 'full-path') ?? missing('its package file');
  const opf = await requiredXml(pkg, opfPath, WHAT);
  const manifest = new Map<string, ManifestItem>();
  for (const item of descendants(opf, 'item')) {
    const id = attribute(item, 'id');
    const href = attribute(item, 'href');
    if (id === undefined || href === undefined) continue;
    manifest.set(id, { part: resolvePartPath(opfPath, href), mediaType: attribute(item, 'media-type') ?? '', properties: attribute(item, 'properties') ?? '' });
  }
  const titles = await chapterTitles(pkg, opf, manifest);
  const contents: BlockContent[] = [];
  for (const itemref of descendants(opf, 'itemref')) {
    const item = manifest.get(attribute(itemref, 'idref') ?? '');
    if (!item || !/html/.test(item.mediaType)) continue;
    const xhtml = await pkg.text(item.part);
    if (xhtml !== undefined) contents.push(...chapterBlocks(xhtml, titles.get(item.part)));
  }
  const titleElement = firstDescendant(opf, 'title');
  const title = titleElement ? DomUtils.textContent(titleElement).trim() : '';
  const blocks = layOutBlocks(contents);
  return title === '' ? { blocks } : { blocks, title };
}

/** A chapter's blocks under its title, which opens the chapter as a heading unless its own first heading is it. */
function chapterBlocks(xhtml: string, title: string | undefined): BlockContent[] {
  const blocks = htmlStructure(xhtml).blocks;
  const first = blocks[0];
  if (title === undefined || (first?.kind === 'heading' && sameText(first.text, title))) return blocks;
  const titleBlock: BlockContent = { kind: 'heading', text: title, headingPath: [], level: 1 };
  return [titleBlock, ...blocks.map((block) => ({ ...block, headingPath: [title, ...block.headingPath] }))];
}

/** Chapter part → its title in the table of contents (the first entry pointing into it). */
async function chapterTitles(pkg: ZipPackage, opf: XmlDocument, manifest: ReadonlyMap<string, ManifestItem>): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const add = (fromPart: string, href: string | undefined, label: string): void => {
    const part = href === undefined ? undefined : resolvePartPath(fromPart, href);
    const clean = label.replace(/\s+/g, ' ').trim();
    if (part !== undefined && clean !== '' && !titles.has(part)) titles.set(part, clean);
  };
  const nav = [...manifest.values()].find((item) => item.properties.split(/\s+/).includes('nav'));
  const navText = nav ? await pkg.text(nav.part) : undefined;
  if (nav && navText !== undefined) {
    for (const link of descendants(parseXml(navText), 'a')) add(nav.part, attribute(link, 'href'), DomUtils.textContent(link));
    return titles;
  }
  const spine = firstDescendant(opf, 'spine');
  const ncx = manifest.get((spine && attribute(spine, 'toc')) ?? '') ?? [...manifest.values()].find((item) => item.mediaType === 'application/x-dtbncx+xml');
  const ncxText = ncx ? await pkg.text(ncx.part) : undefined;
  if (ncx && ncxText !== undefined) {
    for (const point of descendants(parseXml(ncxText), 'navPoint')) {
      const label = firstDescendant(point, 'text');
      const content = firstDescendant(point, 'content');
      if (label && content) add(ncx.part, attribute(content, 'src'), DomUtils.textContent(label));
    }
  }
  return titles;
}

function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();
}

function missing(what: string): never {
  throw new FormatFailure('PARSE_FAILED', `${WHAT} has no ${what} (damaged, or not really an EPUB).`);
}
