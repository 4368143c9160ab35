// Extraction + chunking on real files of every text format: each chunk's span (lines, chars) really holds
// the chunk's words, so a `file:line` citation opens on the passage it quotes.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { chunkBlocks } from '../../../electron/core/chunk/chunker.ts';
import { extractFile } from '../../../electron/core/extract/index.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const SMALL = { maxTokens: 60, overlapTokens: 10 };
const WORDS = 'river stone lantern orchard copper meadow harbor violet engine cedar falcon quartz'.split(' ');

function sentence(i: number, n = 9): string {
  return Array.from({ length: n }, (_, w) => WORDS[(i * 5 + w * 7) % WORDS.length]).join(' ') + ` item${i}.`;
}

const SOURCES: Record<string, string> = {
  'notes.txt': Array.from({ length: 30 }, (_, i) => (i % 4 === 3 ? '' : sentence(i))).join('\n'),
  'guide.md': [
    '# Guide', '', sentence(1), sentence(2), '', '## Setup', '', '- ' + sentence(3), '- ' + sentence(4), '',
    '```ts', 'const value = 1;', 'console.log(value);', '```', '', '## Details', '', ...Array.from({ length: 12 }, (_, i) => sentence(10 + i)),
  ].join('\n'),
  'tool.py': Array.from({ length: 12 }, (_, i) => `def task_${i}(x):\n    # ${sentence(i)}\n    return x + ${i}\n`).join('\n'),
  'table.csv': ['name,notes', ...Array.from({ length: 40 }, (_, i) => `row${i},${sentence(i, 4)}`)].join('\n'),
  'data.json': JSON.stringify(Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`key${i}`, sentence(i)])), null, 2),
  'page.html': `<html><body><main>\n<h1>Title</h1>\n${Array.from({ length: 20 }, (_, i) => `<p>${sentence(i)}</p>`).join('\n')}\n</main></body></html>`,
};

/** Words of a chunk as they appear in the source (letters and digits only, lower case). */
function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

describe('chunk spans on real files', () => {
  it.each(Object.keys(SOURCES))('%s: every chunk word lies within its line span and char span', async (name) => {
    const dir = await tempDir();
    const path = join(dir, name);
    await writeFile(path, SOURCES[name] as string);
    const source = await readFile(path, 'utf8');
    const lines = source.split('\n');
    const chunks = chunkBlocks((await extractFile(path)).blocks, SMALL);
    expect(chunks.length).toBeGreaterThan(1);
    // CSV rows are indexed as "column: value" so each row is self-describing: the header's words may appear anywhere.
    const labels = name.endsWith('.csv') ? ['columns', ...words(lines[0] ?? '')] : [];
    for (const chunk of chunks) {
      expect(chunk.startLine).toBeGreaterThanOrEqual(1);
      expect(chunk.endLine).toBeLessThanOrEqual(lines.length);
      const spanLines = words(lines.slice(chunk.startLine - 1, chunk.endLine).join('\n'));
      const spanChars = words(source.slice(chunk.startChar, chunk.endChar));
      for (const word of words(chunk.text).filter((w) => !labels.includes(w))) {
        expect(spanLines, `"${word}" of chunk ${chunk.seq} in lines ${chunk.startLine}-${chunk.endLine}`).toContain(word);
        expect(spanChars, `"${word}" of chunk ${chunk.seq} in chars ${chunk.startChar}-${chunk.endChar}`).toContain(word);
      }
    }
  });

  it('PDF chunks carry the page their text is on', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (let p = 0; p < 3; p++) {
      const page = pdf.addPage();
      for (let l = 0; l < 8; l++) page.drawText(`page${p + 1} ${sentence(p * 10 + l, 6)}`, { x: 40, y: 760 - l * 20, size: 11, font });
    }
    const path = join(await tempDir(), 'report.pdf');
    await writeFile(path, await pdf.save());
    const chunks = chunkBlocks((await extractFile(path)).blocks, SMALL);
    expect(new Set(chunks.map((c) => c.page))).toEqual(new Set([1, 2, 3]));
    for (const chunk of chunks) {
      const pages = new Set(chunk.text.match(/page(\d)/g)?.map((m) => Number(m.slice(4))));
      expect([...pages]).toEqual([chunk.page]);
    }
  });
});
