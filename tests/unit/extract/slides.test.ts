import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/core/extract/index.ts';
import { makeOdp, makePptx, type SlideSpec } from '../../helpers/office-files.ts';
import { zipBombPptx } from '../../helpers/hostile-files.ts';
import { useTempDir } from './fixtures.ts';

const DECK: SlideSpec[] = [
  { title: 'Quarterly review', body: ['Revenue grew in every region'], notes: ['Mention the harbour project first'] },
  { body: ['A slide without a title', 'Second point'] },
  { title: 'Next steps', body: ['Hire two engineers'], notes: ['Budget approved by finance'] },
];

describe.each([
  ['pptx', makePptx],
  ['odp', makeOdp],
])('%s slide decks', (extension, make) => {
  const dir = useTempDir();

  it('gives one block per slide, its page the slide number, with speaker notes and the title as heading', async () => {
    const doc = await extractFile(await dir.write(`deck.${extension}`, await make(DECK)));
    expect(doc.format).toBe('slides');
    expect(doc.title).toBe('Quarterly review');
    expect(doc.blocks.map((b) => [b.page, b.headingPath, b.text])).toEqual([
      [1, ['Quarterly review'], 'Quarterly review\nRevenue grew in every region\nSpeaker notes:\nMention the harbour project first'],
      [2, [], 'A slide without a title\nSecond point'],
      [3, ['Next steps'], 'Next steps\nHire two engineers\nSpeaker notes:\nBudget approved by finance'],
    ]);
    for (const block of doc.blocks) {
      expect(block.startLine).toBe(1);
      expect(block.endLine).toBe(block.text.split('\n').length);
    }
  });
});

describe('hostile slide decks', () => {
  const dir = useTempDir();

  it('refuses a zip bomb by its declared size before inflating it', async () => {
    await expect(extractFile(await dir.write('bomb.pptx', zipBombPptx(1024)))).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('slide deck') });
  });

  it('refuses a part that unpacks to more than it declares', async () => {
    await expect(extractFile(await dir.write('lying.pptx', zipBombPptx(64, 4096)))).rejects.toMatchObject({ code: 'PARSE_FAILED', message: expect.stringContaining('declared') });
  });

  it('reports a file that is not a package as damaged', async () => {
    await expect(extractFile(await dir.write('junk.pptx', new Uint8Array(300).fill(7)))).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });
});
