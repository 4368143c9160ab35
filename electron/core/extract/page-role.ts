/**
 * Recognises pages that list a document's keywords rather than explain them: tables of contents and back-of-book
 * indexes. They hold every term a question might use, so unrecognised they crowd out the pages that answer.
 *
 * Judged from the page's own lines, the way a reader sees them at a glance:
 * - most lines end in a page reference: after dot leaders ("Naming . . . . 12"), after a space ("Naming 12"), or
 *   as a comma list ("naming, 12, 45–47"); a reference printed on the next line counts for the line before it;
 * - contents list their page numbers in order, indexes do not (they are in the order of their terms);
 * - a title such as "Contents" or "Index" (in a few languages) lowers the bar, since a continued listing page
 *   rarely repeats its title.
 * Without a title, the listing must also look like one (leaders, comma lists, or page numbers in order), so a table
 * of figures or settings ("Port 8080", "Retries 5") is not taken for one.
 */
import type { PassageRole } from '../types.ts';

/** A page number ending a line: Arabic, or Roman (front matter) after leaders. Anchored at the end, no nested repeats. */
const TRAILING_NUMBER = /(\d{1,4}|[ivxlcdm]{1,7})$/i;
/** Dot leaders ("Naming . . . . 12", "Naming.....12") or an ellipsis before the number. */
const LEADERS = /(?:\.\s?){2,}$|…$/;
const NUMBER_ONLY = /^(\d{1,4}|[ivxlcdm]{1,7})$/i;
/** Index group headings ("A", "B–C") and cross references carry no page number but belong to an index. */
const INDEX_FILLER = /^(?:\p{Lu}(?:\s*[-–]\s*\p{Lu})?|.{0,60}\b[Ss]ee\b.{0,60})$/u;

const CONTENTS_TITLE =
  /^(?:(?:table of )?contents|list of (?:figures|tables|examples|illustrations)|inhalt|inhaltsverzeichnis|table des mati[eè]res|sommaire|[ií]ndice(?: general)?|contenidos?|sommario|inhoud(?:sopgave)?|inneh[aå]ll(?:sf[oö]rteckning)?|indholdsfortegnelse|spis tre[sś]ci|содержание|оглавление|目次|目录|目錄)$/iu;
const INDEX_TITLE =
  /^(?:(?:[\p{L}-]+ ){0,3}index|index (?:of|des) [\p{L} ]{1,30}|stichwortverzeichnis|sachregister|[ií]ndice (?:alfab[eé]tico|anal[ií]tico)|indice analitico|предметный указатель|указатель|索引)$/iu;

/** How many of the page's first lines may hold its title. */
const TITLE_LINES = 3;

export interface RoleEvidence {
  /** Titles that belong to the page besides its lines: its running header's or its outline section's. */
  readonly titles?: readonly string[];
  /** The document's page count: a reference far beyond it is a quantity, not a page. */
  readonly pageCount?: number;
}

interface Reference {
  readonly page: number | undefined;
  readonly leader: boolean;
  readonly list: boolean;
}

/** The page's role, judged from its non-blank lines (running headers and footers already left out). */
export function pageRole(lines: readonly string[], evidence: RoleEvidence = {}): PassageRole | undefined {
  const body = lines.map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
  if (body.length === 0) return undefined;
  const title = titleRole([...body.slice(0, TITLE_LINES), ...(evidence.titles ?? [])]);
  const maxPage = evidence.pageCount === undefined ? Infinity : evidence.pageCount * 2 + 20;
  const references: Reference[] = [];
  let uncounted = 0;
  let previousListed = false;
  for (const line of body) {
    const reference = referenceOf(line, maxPage);
    const ownLine: boolean = NUMBER_ONLY.test(line) && previousListed;
    if (reference) references.push(reference);
    else if (ownLine) {
      // The reference was printed on a line of its own: it and its entry are one entry.
      references.push({ page: arabic(line, maxPage), leader: false, list: false });
      uncounted++;
    } else if (INDEX_FILLER.test(line)) uncounted++;
    previousListed = reference === undefined && !ownLine && /\p{L}/u.test(line);
  }
  const share = references.length / Math.max(1, body.length - uncounted);
  if (title !== undefined) return share >= 0.3 && references.length >= 3 ? title : undefined;
  if (share < 0.6 || references.length < 8) return undefined;
  const ordered = inOrderShare(references);
  const leaders = references.filter((r) => r.leader).length / references.length;
  const lists = references.filter((r) => r.list).length / references.length;
  if (ordered >= 0.8 && (leaders >= 0.3 || ordered >= 0.9)) return 'contents';
  if (ordered < 0.8 && (leaders >= 0.3 || lists >= 0.2)) return 'index';
  return undefined;
}

/** 'contents' or 'index' when one of the lines is such a title ("Contents", "Concept Index", "Table des matières"). */
export function titleRole(candidates: readonly string[]): PassageRole | undefined {
  for (const candidate of candidates) {
    const text = candidate.replace(/\s+/g, ' ').trim();
    if (CONTENTS_TITLE.test(text)) return 'contents';
    if (INDEX_TITLE.test(text)) return 'index';
  }
  return undefined;
}

/** The line as an entry with a page reference at its end, or undefined when it is not one. */
function referenceOf(line: string, maxPage: number): Reference | undefined {
  const number = TRAILING_NUMBER.exec(line);
  if (!number) return undefined;
  const head = line.slice(0, number.index);
  if (!/\p{L}/u.test(head)) return undefined;
  const before = head.trimEnd();
  const leader = LEADERS.test(before);
  const page = arabic(number[1] as string, maxPage);
  if (leader) return { page, leader, list: false };
  // Otherwise the number stands after a space, a comma or a range dash ("term, 12", "term 3, 12–14").
  const separated = head !== before || /,$/.test(before) || /\d\s*[-–]$/.test(before);
  if (!separated || !/^\d/.test(number[1] as string)) return undefined;
  const list = /,$/.test(before) || /\d\s*[-–]$/.test(before);
  // A quantity ("Port 8080") is no page reference.
  return page === undefined ? undefined : { page, leader, list };
}

/** The number as a page, if it is an Arabic one within the document (Roman front-matter numbers give none). */
function arabic(token: string, maxPage: number): number | undefined {
  if (!/^\d+$/.test(token)) return undefined;
  const page = Number(token);
  return page <= maxPage ? page : undefined;
}

/** The share of successive Arabic page references that do not go back: near 1 for contents. */
function inOrderShare(references: readonly Reference[]): number {
  const pages = references.flatMap((r) => (r.page === undefined ? [] : [r.page]));
  if (pages.length < 2) return 0;
  let forward = 0;
  for (let i = 1; i < pages.length; i++) if ((pages[i] as number) >= (pages[i - 1] as number)) forward++;
  return forward / (pages.length - 1);
}
