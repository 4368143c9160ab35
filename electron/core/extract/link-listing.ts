/**
 * Web pages that are nothing but a listing of links: a manual's start page or part page that is only its table
 * of contents (index.html), a generated back-of-book index (genindex.html, bookindex.html), mdBook's SUMMARY.md.
 * Like the contents and index pages of a PDF (page-role.ts) they name every topic and explain none, so the whole
 * page gets the role and search ranks it below the pages it links to.
 *
 * Judged by the share of the page's visible text that is link text. A listing is nearly all links; an index
 * also prints its terms as plain text beside the links (about half on PostgreSQL's bookindex.html), so with a
 * title saying "Index" (or "Contents") a lower share is enough. Pages with only a few links are never listings:
 * a short page is judged by what it says.
 */
import type { PassageRole } from '../types.ts';
import { titleRole } from './page-role.ts';

export interface LinkCounts {
  /** Visible characters (whitespace not counted) in the page's content. */
  readonly textChars: number;
  /** Of those, the characters inside links. */
  readonly linkChars: number;
  readonly links: number;
}

const MIN_LINKS = 20;
const LISTING_SHARE = 0.8;
const TITLED_LISTING_SHARE = 0.4;

/** The page's role from its link counts and its titles (document title, first heading). */
export function linkListingRole(counts: LinkCounts, titles: readonly string[]): PassageRole | undefined {
  if (counts.links < MIN_LINKS || counts.textChars === 0) return undefined;
  const share = counts.linkChars / counts.textChars;
  // "Index — Python 3.13 documentation": the page's own name comes before the site's.
  const titled = titleRole(titles.map((title) => title.split(/\s+[—–|·-]\s+/)[0] ?? title));
  if (titled !== undefined && share >= TITLED_LISTING_SHARE) return titled;
  return share >= LISTING_SHARE ? 'contents' : undefined;
}

/** Counts visible characters as the walk meets them. */
export class LinkCounter {
  private text = 0;
  private link = 0;
  private linkCount = 0;

  addText(text: string, inLink: boolean): void {
    const chars = text.replace(/\s+/g, '').length;
    this.text += chars;
    if (inLink) this.link += chars;
  }

  addLink(): void {
    this.linkCount++;
  }

  get counts(): LinkCounts {
    return { textChars: this.text, linkChars: this.link, links: this.linkCount };
  }
}
