import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/core/extract/index.ts';
import { encryptedPdf, makePdf, useTempDir } from './fixtures.ts';

describe('PDF extraction', () => {
  const dir = useTempDir();

  it('makes one block per page with the right page numbers, lines and title', async () => {
    const bytes = await makePdf(
      [
        ['Chapter one begins here', 'with a second line of text'],
        ['Page two has its own words', 'and more', 'and a third line'],
        ['Final page text'],
      ],
      'Quarterly Report',
    );
    const doc = await extractFile(await dir.write('report.pdf', bytes));
    expect(doc.format).toBe('pdf');
    expect(doc.title).toBe('Quarterly Report');
    expect(doc.encoding).toBeUndefined();
    expect(doc.blocks.map((b) => [b.kind, b.page, b.text, b.startLine, b.endLine])).toEqual([
      ['page', 1, 'Chapter one begins here\nwith a second line of text', 1, 2],
      ['page', 2, 'Page two has its own words\nand more\nand a third line', 1, 3],
      ['page', 3, 'Final page text', 1, 1],
    ]);
    // Offsets index the extracted text: pages joined by a line break.
    const fullText = doc.blocks.map((b) => b.text).join('\n');
    for (const block of doc.blocks) expect(fullText.slice(block.startChar, block.endChar)).toBe(block.text);
  });

  it('skips pages without text and returns no blocks for a PDF with no text layer', async () => {
    const mixed = await extractFile(await dir.write('mixed.pdf', await makePdf([['First'], [], ['Third']])));
    expect(mixed.blocks.map((b) => b.page)).toEqual([1, 3]);
    const scan = await extractFile(await dir.write('scan.pdf', await makePdf([[], []])));
    expect(scan.blocks).toEqual([]);
    expect(scan.title).toBeUndefined();
  });

  it('reports a password-protected PDF as ENCRYPTED', async () => {
    const path = await dir.write('locked.pdf', encryptedPdf());
    await expect(extractFile(path)).rejects.toMatchObject({ code: 'ENCRYPTED', path, message: 'The PDF is password-protected.' });
  });

  it('reports truncated or fake PDFs as PARSE_FAILED', async () => {
    const bytes = await makePdf([['Some text'], ['More text']]);
    const truncated = await dir.write('truncated.pdf', bytes.slice(0, Math.floor(bytes.length / 2)));
    await expect(extractFile(truncated)).rejects.toMatchObject({ code: 'PARSE_FAILED', name: 'ExtractionError' });
    const fake = await dir.write('fake.pdf', 'this is not a PDF at all');
    await expect(extractFile(fake)).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });

  it('reads an extension-less file that starts like a PDF', async () => {
    const doc = await extractFile(await dir.write('scanned-letter', await makePdf([['Dear reader']])));
    expect(doc.format).toBe('pdf');
    expect(doc.blocks[0]?.text).toBe('Dear reader');
  });
});
