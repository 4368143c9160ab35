import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/core/extract/index.ts';
import { makeDocx, useTempDir } from './fixtures.ts';

describe('DOCX extraction', () => {
  const dir = useTempDir();

  it('reads headings from heading styles, with levels, heading paths and the title', async () => {
    const bytes = await makeDocx([
      { text: 'Project Plan', style: 'Title' },
      { text: 'Goals', style: 'Heading1' },
      { text: 'Ship the indexer & the search.' },
      { text: 'Risks', style: 'Heading2' },
      { text: 'Scope creep.' },
      { text: 'Budget overruns.' },
    ]);
    const doc = await extractFile(await dir.write('plan.docx', bytes));
    expect(doc.format).toBe('docx');
    expect(doc.title).toBe('Project Plan');
    expect(doc.blocks.map((b) => [b.kind, b.text, b.level, b.headingPath])).toEqual([
      ['heading', 'Project Plan', 1, []],
      ['heading', 'Goals', 1, []],
      ['paragraph', 'Ship the indexer & the search.', undefined, ['Goals']],
      ['heading', 'Risks', 2, ['Goals']],
      ['paragraph', 'Scope creep.', undefined, ['Goals', 'Risks']],
      ['paragraph', 'Budget overruns.', undefined, ['Goals', 'Risks']],
    ]);
  });

  it('numbers lines and offsets in the extracted plain text (blocks separated by a blank line)', async () => {
    const doc = await extractFile(await dir.write('lines.docx', await makeDocx([{ text: 'Alpha', style: 'Heading1' }, { text: 'Beta text' }, { text: 'Gamma' }])));
    const plainText = doc.blocks.map((b) => b.text).join('\n\n');
    const lines = plainText.split('\n');
    for (const block of doc.blocks) {
      expect(plainText.slice(block.startChar, block.endChar)).toBe(block.text);
      expect(lines.slice(block.startLine - 1, block.endLine).join('\n')).toBe(block.text);
    }
    expect(doc.blocks.map((b) => b.startLine)).toEqual([1, 3, 5]);
  });

  it('reports corrupt documents as PARSE_FAILED', async () => {
    const good = await makeDocx([{ text: 'Hello' }]);
    const truncated = await dir.write('truncated.docx', good.slice(0, Math.floor(good.length / 2)));
    await expect(extractFile(truncated)).rejects.toMatchObject({ code: 'PARSE_FAILED', name: 'ExtractionError' });
    const notZip = await dir.write('not-zip.docx', 'plain text pretending to be Word');
    await expect(extractFile(notZip)).rejects.toMatchObject({ code: 'PARSE_FAILED' });
    const emptyZip = new JSZip();
    emptyZip.file('readme.txt', 'no document part here');
    const noDocument = await dir.write('no-document.docx', await emptyZip.generateAsync({ type: 'uint8array' }));
    await expect(extractFile(noDocument)).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });

  it('tells password-protected documents (OLE containers with EncryptionInfo) from old .doc files', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const encrypted = Buffer.concat([ole, Buffer.alloc(504), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(512)]);
    await expect(extractFile(await dir.write('locked.docx', encrypted))).rejects.toMatchObject({ code: 'ENCRYPTED' });
    const oldDoc = Buffer.concat([ole, Buffer.alloc(1024)]);
    await expect(extractFile(await dir.write('old.docx', oldDoc))).rejects.toMatchObject({ code: 'PARSE_FAILED', message: expect.stringContaining('.doc') });
  });
});
