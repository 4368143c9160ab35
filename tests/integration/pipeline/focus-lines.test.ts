// Focused passages through the real indexer (extract → chunk → store → search) on files of several formats:
// the lines a focused passage cites hold what it kept, and its first and last kept words sit on exactly its
// first and last cited lines, so a `file:line` citation opens on the sentence the answer was given.
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { focusPassage } from '../../../electron/core/answer/focus.ts';
import { Engine } from '../../../electron/core/engine.ts';
import { queryTerms } from '../../../electron/core/search/analyze.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const WORDS = 'river stone lantern orchard copper meadow harbor violet engine cedar falcon quartz'.split(' ');
const sentence = (i: number, n = 8) => `${Array.from({ length: n }, (_, w) => WORDS[(i * 5 + w * 7) % WORDS.length]).join(' ')} marker${i}.`;
const para = (from: number, count: number) => Array.from({ length: count }, (_, i) => sentence(from + i)).join(' ');

// Layouts that move text lines against source lines if the chunk text is not laid out line for line:
// headings right above their text, setext headings, two or three blank lines, lists, tables, code, front matter.
const FILES: Record<string, string> = {
  'guide.md': [
    '---', 'title: Guide', '---', '# Guide', sentence(1), sentence(2), '', '', '', 'Setup', '=====', '', '- ' + sentence(3),
    '- **' + sentence(4).replace('.', '') + '** and _more_.', '', '', '| Name | Notes |', '| --- | --- |', `| a | ${sentence(5)} |`, '',
    '```sh', 'make build', '```', 'Details', '-------', para(6, 4), '', '', para(10, 4), '### Last', para(14, 6), '', sentence(20), sentence(21),
    '', '', '', '> ' + sentence(22), '> ' + sentence(23), '', ...Array.from({ length: 12 }, (_, i) => sentence(24 + i)),
  ].join('\n'),
  'notes.txt': Array.from({ length: 46 }, (_, i) => (i % 3 === 2 ? (i % 2 === 0 ? '\n\n' : '') : sentence(i))).join('\n'),
  'tool.py': Array.from({ length: 14 }, (_, i) => `def task_${i}(x):\n    # ${sentence(i)}\n    return x + ${i}\n${i % 3 === 0 ? '\n\n' : ''}`).join('\n'),
  'data.json': JSON.stringify(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, sentence(i)])), null, 2),
  'page.html': `<html><body><main>\n<h1>Title</h1>\n${Array.from({ length: 30 }, (_, i) => `<p>${sentence(i)}\n${sentence(i + 40)}</p>`).join('\n\n')}\n</main></body></html>`,
};

/** Words as the source spells them (markup and punctuation dropped), lower case. */
const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

function containsInOrder(haystack: readonly string[], needle: readonly string[]): boolean {
  let at = 0;
  for (const word of haystack) if (word === needle[at]) at++;
  return at === needle.length;
}

describe('focused passages cite exact lines', () => {
  it.each(Object.keys(FILES))('%s', async (name) => {
    const folder = await tempDir();
    await writeFiles(folder, { [name]: FILES[name] as string });
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), chunking: { maxTokens: 80, overlapTokens: 15 } });
    await engine.index([folder]);
    const lines = (await readFile(join(folder, name), 'utf8')).split('\n');
    const exactLines = !name.endsWith('.html');
    let checked = 0;
    // Every sentence's own word, alone and in pairs far apart (two windows).
    const questions = Array.from({ length: 46 }, (_, i) => (i % 3 === 0 ? `marker${i} marker${(i + 17) % 46}` : `marker${i}`));
    for (const question of questions) {
      const terms = queryTerms(question);
      for (const hit of (await engine.search(question, { mode: 'bm25', k: 10 })).results) {
        const focused = focusPassage(terms, hit, { maxTokens: 20 });
        const cited = lines.slice(focused.startLine - 1, focused.endLine);
        expect(focused.startLine).toBeGreaterThanOrEqual(hit.startLine);
        expect(focused.endLine).toBeLessThanOrEqual(hit.endLine);
        for (const range of focused.ranges) {
          const kept = words(hit.text.slice(range.start, range.end));
          expect(containsInOrder(words(cited.join('\n')), kept), `${name}:${focused.startLine}-${focused.endLine} holds "${kept.join(' ')}"`).toBe(true);
        }
        if (exactLines) {
          const keptWords = focused.ranges.flatMap((r) => words(hit.text.slice(r.start, r.end)));
          expect(words(cited[0] ?? '')).toContain(keptWords[0]);
          expect(words(cited.at(-1) ?? '')).toContain(keptWords.at(-1));
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    engine.dispose?.();
  });
});
