import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/core/extract/index.ts';
import type { TextBlock } from '../../../electron/core/types.ts';
import { BACKUP_GUIDE, makeManualPdf, type ManualPage } from '../../helpers/manual-pdf.ts';
import { useTempDir } from './fixtures.ts';

/** The page's lines as drawn: header, lines, footer. */
function drawnLines(page: ManualPage): string[] {
  return [...(page.header === undefined ? [] : [page.header]), ...page.lines, ...(page.footer === undefined ? [] : [page.footer])];
}

function expectExactSpans(blocks: readonly TextBlock[], pages: readonly ManualPage[]): void {
  const fullText = pages.map((page) => drawnLines(page).join('\n')).join('\n');
  for (const block of blocks) {
    const lines = drawnLines(pages[(block.page as number) - 1] as ManualPage);
    expect(block.text).toBe(lines.slice(block.startLine - 1, block.endLine).join('\n'));
    expect(fullText.slice(block.startChar, block.endChar)).toBe(block.text);
  }
}

describe('PDF page structure', () => {
  const dir = useTempDir();

  it('marks the contents and index pages, and only those', async () => {
    const doc = await extractFile(await dir.write('guide.pdf', await makeManualPdf(BACKUP_GUIDE)));
    expect(doc.blocks.map((b) => [b.page, b.role])).toEqual([
      [1, 'contents'], [2, undefined], [3, undefined], [4, undefined], [5, undefined], [6, undefined], [7, 'index'],
    ]);
  });

  it('leaves running headers and page numbers out of the text, with spans on the real lines', async () => {
    const doc = await extractFile(await dir.write('guide.pdf', await makeManualPdf(BACKUP_GUIDE)));
    expect(doc.blocks.map((b) => [b.page, b.startLine, b.endLine])).toEqual([
      [1, 1, 9], // no header or footer
      [2, 1, 4], // footer "1" on line 5
      [3, 2, 4], // header "Chapter 1: Installing the tool 2" on line 1
      [4, 1, 11],
      [5, 2, 4],
      [6, 2, 3],
      [7, 1, 12],
    ]);
    expect(doc.blocks[2]?.text.split('\n')[0]).toBe('On first start the tool opens a short wizard that asks for the folders to protect.');
    expectExactSpans(doc.blocks, BACKUP_GUIDE);
  });

  it('uses the running header as the heading, and on a chapter\'s first page the chapter the next page names', async () => {
    const doc = await extractFile(await dir.write('guide.pdf', await makeManualPdf(BACKUP_GUIDE)));
    expect(doc.blocks.map((b) => b.headingPath)).toEqual([
      [],
      ['Chapter 1: Installing the tool'],
      ['Chapter 1: Installing the tool'],
      ['Chapter 2: Backups'],
      ['Chapter 2: Backups'],
      ['Chapter 2: Backups'],
      [],
    ]);
  });

  it('prefers the outline, taking a section from the page where most of it is', async () => {
    const outline = [
      { title: 'Contents', page: 1 },
      { title: '1 Installing the tool', page: 2, children: [{ title: '1.2 First start', page: 3, top: 740 }] },
      {
        title: '2 Backups',
        page: 4,
        children: [
          { title: '2.1 Scheduling a backup', page: 4, top: 700 },
          // Opens in the lower half of page 4: the section of the pages after it.
          { title: '2.2 Restoring a backup', page: 4, top: 250 },
        ],
      },
      { title: 'Index', page: 7 },
    ];
    const doc = await extractFile(await dir.write('outlined.pdf', await makeManualPdf(BACKUP_GUIDE, { outline })));
    expect(doc.blocks.map((b) => b.headingPath)).toEqual([
      ['Contents'],
      ['1 Installing the tool'],
      ['1 Installing the tool', '1.2 First start'],
      ['2 Backups', '2.1 Scheduling a backup'],
      ['2 Backups', '2.2 Restoring a backup'],
      ['2 Backups', '2.2 Restoring a backup'],
      ['Index'],
    ]);
    expect(doc.blocks.map((b) => b.role)).toEqual(['contents', undefined, undefined, undefined, undefined, undefined, 'index']);
    expectExactSpans(doc.blocks, BACKUP_GUIDE);
  });

  it('takes the title printed on every page as the document title when the metadata has none', async () => {
    const pages: ManualPage[] = [1, 2, 3, 4].map((n) => ({
      header: 'Field Guide to Ferns',
      lines: [`Fern number ${n} grows in shade.`, `Its fronds reach ${n * 10} cm.`],
      footer: String(n),
    }));
    const untitled = await extractFile(await dir.write('ferns.pdf', await makeManualPdf(pages)));
    expect(untitled.title).toBe('Field Guide to Ferns');
    expect(untitled.blocks.map((b) => [b.startLine, b.endLine, b.headingPath])).toEqual(pages.map(() => [2, 3, []]));
    const titled = await extractFile(await dir.write('ferns-titled.pdf', await makeManualPdf(pages, { title: 'Ferns' })));
    expect(titled.title).toBe('Ferns');
  });
});
