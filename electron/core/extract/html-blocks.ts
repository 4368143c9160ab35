/**
 * Walks an HTML document and returns its readable blocks with offsets into the HTML source. Page chrome is
 * dropped and, when the page marks its main content, only that content is read. Shared by the HTML extractor
 * and by DOCX (mammoth converts Word documents to HTML).
 *
 * Two streaming passes (html-walk.ts), no tree: a page of several megabytes would otherwise be held as a DOM
 * many times its size. The first pass plans (html-page-plan.ts), the second collects blocks as elements open
 * and close (html-block-collector.ts).
 */
import type { BlockKind, PassageRole } from '../types.ts';
import { HtmlBlockCollector } from './html-block-collector.ts';
import { isDropped } from './html-chrome.ts';
import { planHtmlPage } from './html-page-plan.ts';
import { walkHtml, type OpenElement } from './html-walk.ts';
import { LinkCounter, linkListingRole, type LinkCounts } from './link-listing.ts';

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

export function htmlStructure(html: string): HtmlStructure {
  const { contentRoots, formsWithProse, title } = planHtmlPage(html);
  const collector = new HtmlBlockCollector(html, formsWithProse);
  const links = new LinkWalk(formsWithProse);
  /** Open elements that are content roots (they never nest); the whole page is content when it has no body. */
  let openRoots = 0;
  const inContent = (): boolean => contentRoots === undefined || openRoots > 0;

  walkHtml(html, {
    open(element, ancestors) {
      if (contentRoots?.has(element.ordinal) === true) openRoots++;
      if (!inContent()) return;
      collector.open(element, ancestors);
      links.open(element, ancestors);
    },
    close(element) {
      if (inContent()) {
        collector.close();
        links.close();
      }
      if (contentRoots?.has(element.ordinal) === true) openRoots--;
    },
    text(node) {
      if (!inContent()) return;
      collector.text(node);
      links.text(node.text);
    },
  });
  collector.flush();

  const blocks = collector.blocks;
  const firstHeading = blocks.find((block) => block.kind === 'heading')?.text;
  const role = linkListingRole(links.counts, [title, firstHeading].filter((text) => text !== undefined));
  return { blocks, ...(title ? { title } : {}), ...(role ? { role } : {}) };
}

/** The visible text of an HTML fragment on one line (for raw HTML embedded in Markdown). */
export function htmlFragmentText(html: string): string {
  return htmlStructure(html).blocks.map((block) => block.text).join(' ');
}

/** Visible text and link text of the content, chrome left out as the blocks leave it out. */
class LinkWalk {
  private readonly counter = new LinkCounter();
  /** Per open content element: is it (or an ancestor) dropped, is it (or an ancestor) a link. */
  private readonly frames: Array<{ dropped: boolean; inLink: boolean }> = [];

  constructor(private readonly formsWithProse: ReadonlySet<number>) {}

  open(element: OpenElement, ancestors: readonly OpenElement[]): void {
    const parent = this.frames.at(-1);
    const dropped = parent?.dropped === true || isDropped(element, { ancestors, formsWithProse: this.formsWithProse });
    const link = !dropped && element.name === 'a' && element.attribs['href'] !== undefined;
    if (link) this.counter.addLink();
    this.frames.push({ dropped, inLink: parent?.inLink === true || link });
  }

  close(): void {
    this.frames.pop();
  }

  text(text: string): void {
    const parent = this.frames.at(-1);
    if (parent?.dropped !== true) this.counter.addText(text, parent?.inLink === true);
  }

  get counts(): LinkCounts {
    return this.counter.counts;
  }
}
