/**
 * A small manual as a PDF, laid out like printed ones: running headers and page-number footers, a table of
 * contents page, body pages, a back-of-book index, and optionally an outline (bookmarks).
 */
import { PDFDocument, PDFName, PDFNumber, PDFString, StandardFonts, type PDFPage, type PDFRef } from 'pdf-lib';

export interface ManualPage {
  /** Running header printed at the top of the page, if any. */
  readonly header?: string;
  readonly lines: readonly string[];
  /** Running footer printed at the bottom (a page number, say), if any. */
  readonly footer?: string;
}

export interface OutlineEntry {
  readonly title: string;
  /** 1-based page the entry opens. */
  readonly page: number;
  /** Its top in page space (792 is the top of a letter page); the page's top when left out. */
  readonly top?: number;
  readonly children?: readonly OutlineEntry[];
}

const HEIGHT = 792;

/** Header at the top, the lines below it top to bottom, the footer at the bottom; one text line per drawn line. */
export async function makeManualPdf(pages: readonly ManualPage[], options: { title?: string; outline?: readonly OutlineEntry[] } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const drawn: PDFPage[] = [];
  for (const page of pages) {
    const pdfPage = doc.addPage([612, HEIGHT]);
    if (page.header !== undefined) pdfPage.drawText(page.header, { x: 50, y: 760, size: 9, font });
    page.lines.forEach((line, i) => pdfPage.drawText(line, { x: 50, y: 730 - i * 16, size: 11, font }));
    if (page.footer !== undefined) pdfPage.drawText(page.footer, { x: 300, y: 30, size: 9, font });
    drawn.push(pdfPage);
  }
  if (options.title) doc.setTitle(options.title);
  if (options.outline) addOutline(doc, drawn, options.outline);
  return doc.save();
}

/** Writes the outline dictionaries by hand: pdf-lib has no API for bookmarks. */
function addOutline(doc: PDFDocument, pages: readonly PDFPage[], entries: readonly OutlineEntry[]): void {
  const root = doc.context.nextRef();
  const [first, last] = writeLevel(doc, pages, entries, root);
  doc.context.assign(root, doc.context.obj({ Type: 'Outlines', First: first, Last: last, Count: entries.length }));
  doc.catalog.set(PDFName.of('Outlines'), root);
}

function writeLevel(doc: PDFDocument, pages: readonly PDFPage[], entries: readonly OutlineEntry[], parent: PDFRef): [PDFRef, PDFRef] {
  const refs = entries.map(() => doc.context.nextRef());
  entries.forEach((entry, i) => {
    const page = pages[entry.page - 1];
    if (!page) throw new Error(`Outline entry "${entry.title}" points at missing page ${entry.page}`);
    const dest = doc.context.obj([page.ref, PDFName.of('XYZ'), PDFNumber.of(0), PDFNumber.of(entry.top ?? HEIGHT), PDFNumber.of(0)]);
    const dict = doc.context.obj({ Title: PDFString.of(entry.title), Parent: parent, Dest: dest });
    if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1] as PDFRef);
    if (i < entries.length - 1) dict.set(PDFName.of('Next'), refs[i + 1] as PDFRef);
    if (entry.children && entry.children.length > 0) {
      const [childFirst, childLast] = writeLevel(doc, pages, entry.children, refs[i] as PDFRef);
      dict.set(PDFName.of('First'), childFirst);
      dict.set(PDFName.of('Last'), childLast);
      dict.set(PDFName.of('Count'), PDFNumber.of(entry.children.length));
    }
    doc.context.assign(refs[i] as PDFRef, dict);
  });
  return [refs[0] as PDFRef, refs[refs.length - 1] as PDFRef];
}

/**
 * A seven-page guide to a backup tool, laid out as Texinfo prints manuals: contents (page 1), five body pages in two
 * chapters, and an index (page 7). A chapter's first page has only its page number as a footer; the pages after it
 * have a running header "Chapter N: Title <page number>". Printed page numbers start at 1 on PDF page 2.
 * "Restoring a backup" is explained on page 4; the contents and the index list it too.
 */
export const BACKUP_GUIDE: readonly ManualPage[] = [
  {
    lines: [
      'Contents',
      '1 Installing the tool . . . . . . . . . . . . 1',
      '1.1 System requirements . . . . . . . . . . 1',
      '1.2 First start . . . . . . . . . . . . . . . . . . 2',
      '2 Backups . . . . . . . . . . . . . . . . . . . . . . 3',
      '2.1 Scheduling a backup . . . . . . . . . . 3',
      '2.2 Restoring a backup . . . . . . . . . . . 3',
      '2.3 Verifying a restored backup . . . . . 4',
      'Index . . . . . . . . . . . . . . . . . . . . . . . . 5',
    ],
  },
  {
    lines: [
      '1 Installing the tool',
      'Download the installer for your system and run it as an administrator.',
      'The installer asks for a folder where the tool keeps its settings.',
      'System requirements: a recent operating system and enough free disk space.',
    ],
    footer: '1',
  },
  {
    header: 'Chapter 1: Installing the tool 2',
    lines: [
      'On first start the tool opens a short wizard that asks for the folders to protect.',
      'Pick the folders that hold documents and photographs, then choose a target drive.',
      'The wizard can be opened again later from the settings window.',
    ],
  },
  {
    lines: [
      '2 Backups',
      'A backup copies the protected folders to the target drive every night at two o\'clock.',
      'The first copy takes longest; later ones only copy what changed since the one before.',
      'Each night\'s copy is kept as a day in the history, which lists the days and the files changed on each.',
      'To get files back, open the history and pick the last day the files were still right.',
      'Press Restore: every file of that day goes back where it was, and the files changed since',
      'then are kept as copies beside them, so nothing is lost if the wrong day was picked.',
      'Single files can be picked from the day\'s list instead of the whole day.',
      'While the tool restores, the nightly copy waits until it is done.',
      'A restore can be undone from the history for as long as those copies are kept.',
      'Copies made by an undone restore are removed after thirty days.',
    ],
    footer: '3',
  },
  {
    header: 'Chapter 2: Backups 4',
    lines: [
      'After a restore, the tool compares each restored file with the copy on the target drive.',
      'Files that differ are listed in the report, which can be saved as a text file.',
      'Schedules can also run weekly or monthly instead of nightly.',
    ],
  },
  {
    header: 'Chapter 2: Backups 5',
    lines: [
      'Old backups are pruned when the target drive is nearly full, oldest first.',
      'Pruning never removes the newest backup of any file.',
    ],
  },
  {
    lines: [
      'Index',
      'administrator, 1',
      'backup, 3, 4, 5',
      'disk space, 1',
      'drive, 2, 3, 5',
      'history, 3',
      'pruning, 5',
      'report, 4',
      'restore, 3, 4',
      'restoring a backup, 3',
      'schedule, 3, 4',
      'wizard, 2',
    ],
  },
];
