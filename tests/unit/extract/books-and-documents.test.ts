import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/core/extract/index.ts';
import type { ExtractedDocument } from '../../../electron/core/types.ts';
import { makeEpub, makeOdt, makeRtf, type ChapterSpec } from '../../helpers/office-files.ts';
import { useTempDir } from './fixtures.ts';

/** Blocks are laid out as the document's plain text, blocks separated by a blank line: spans must agree. */
function expectPlainTextSpans(doc: ExtractedDocument): void {
  const plain = doc.blocks.map((b) => b.text).join('\n\n');
  const lines = plain.split('\n');
  for (const block of doc.blocks) {
    expect(plain.slice(block.startChar, block.endChar)).toBe(block.text);
    expect(lines.slice(block.startLine - 1, block.endLine).join('\n')).toBe(block.text);
  }
}

const CHAPTERS: ChapterSpec[] = [
  { title: 'The Harbour', paragraphs: ['Ships came in at dawn.', 'The pilot knew every rock.'] },
  { title: 'The Storm', paragraphs: ['Wind broke the lighthouse lamp.'], untitled: true },
  { title: 'Calm Again', paragraphs: ['Boats returned to their moorings.'] },
];

describe('EPUB e-books', () => {
  const dir = useTempDir();

  it.each(['nav', 'ncx'] as const)('reads chapters in spine order under their titles (%s table of contents)', async (toc) => {
    const doc = await extractFile(await dir.write(`book-${toc}.epub`, await makeEpub('Tales of the Coast', CHAPTERS, toc)));
    expect(doc.format).toBe('epub');
    expect(doc.title).toBe('Tales of the Coast');
    expect(doc.blocks.map((b) => [b.kind, b.text, b.headingPath])).toEqual([
      ['heading', 'The Harbour', []],
      ['paragraph', 'Ships came in at dawn.', ['The Harbour']],
      ['paragraph', 'The pilot knew every rock.', ['The Harbour']],
      // A chapter whose XHTML has no heading gets its title from the table of contents.
      ['heading', 'The Storm', []],
      ['paragraph', 'Wind broke the lighthouse lamp.', ['The Storm']],
      ['heading', 'Calm Again', []],
      ['paragraph', 'Boats returned to their moorings.', ['Calm Again']],
    ]);
    expectPlainTextSpans(doc);
  });

  it('reports a zip without a package file as damaged', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('mimetype', 'application/epub+zip');
    await expect(extractFile(await dir.write('empty.epub', await zip.generateAsync({ type: 'uint8array' })))).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });
});

describe('ODT and RTF documents', () => {
  const dir = useTempDir();

  it('reads ODT headings by outline level, paragraphs (with encoded spaces) and lists', async () => {
    const bytes = await makeOdt([
      { heading: 'Travel policy', level: 1 },
      { paragraph: 'Book trains  before flights.' },
      { heading: 'Receipts', level: 2 },
      { list: ['Keep every receipt', 'Submit within 30 days'] },
    ]);
    const doc = await extractFile(await dir.write('policy.odt', bytes));
    expect(doc.format).toBe('odt');
    expect(doc.title).toBe('Travel policy');
    expect(doc.blocks.map((b) => [b.kind, b.text, b.headingPath])).toEqual([
      ['heading', 'Travel policy', []],
      ['paragraph', 'Book trains before flights.', ['Travel policy']],
      ['heading', 'Receipts', ['Travel policy']],
      ['list', 'Keep every receipt', ['Travel policy', 'Receipts']],
      ['list', 'Submit within 30 days', ['Travel policy', 'Receipts']],
    ]);
    expectPlainTextSpans(doc);
  });

  it('reads RTF paragraphs, with escaped accents, and leaves the info group out', async () => {
    const doc = await extractFile(await dir.write('memo.rtf', makeRtf(['Memo to staff', 'The café opens at nine; coffee costs 2 €.', 'Parking {level} two is closed.'])));
    expect(doc.format).toBe('rtf');
    expect(doc.blocks.map((b) => b.text)).toEqual(['Memo to staff', 'The café opens at nine; coffee costs 2 €.', 'Parking {level} two is closed.']);
    expectPlainTextSpans(doc);
  });

  it('refuses a .rtf file that is not RTF', async () => {
    await expect(extractFile(await dir.write('fake.rtf', 'just words'))).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });
});
