// Questions written otherwise than the documents (British spelling over American, short forms over long ones),
// through the real index (SQLite FTS5): search finds the page, and the relevance gate counts the word as covered.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useIndexedEngines } from '../../helpers/indexed-engine.ts';

const indexFiles = useIndexedEngines();

const FILES: Record<string, string> = {
  'printing.md': '# Printing\n\nBoxes are printed in a light color so that scanning tells them from pen marks.\n',
  'tuning.md': '# Tuning\n\nTo optimize a slow query, add an index on the column you filter by.\n',
  'welcome.md': '# Welcome\n\nThe manual explains printing, scanning and marking the sheets.\n',
};

describe('questions spelled the other way', () => {
  it('finds and answers from the page in the other spelling', async () => {
    const { engine: e, folder } = await indexFiles(FILES);
    const { results } = await e.search('optimise', { k: 5, mode: 'bm25' });
    expect(results.map((r) => r.path)).toEqual([join(folder, 'tuning.md')]);
    // "colour" is the question's one content word: in the asker's spelling no file holds it.
    const answer = await e.ask('Which colour?');
    expect(answer.kind).toBe('extractive');
    expect(answer.citations.map((c) => c.path)).toEqual([join(folder, 'printing.md')]);
    // The answer marks the document's word, spelled as the document spells it.
    expect(answer.answer).toContain('**color**');
  });

  it('answers a question in short forms from the page that spells them out', async () => {
    const files = { ...FILES, 'environment.md': '# Environment\n\nSet the environment variable PAGER in the configuration file.\n' };
    const { engine: e, folder } = await indexFiles(files);
    const answer = await e.ask('env var config?');
    expect(answer.kind).toBe('extractive');
    expect(answer.citations.map((c) => c.path)).toEqual([join(folder, 'environment.md')]);
  });

  it('finds the directory a question calls a folder', async () => {
    const { engine: e, folder } = await indexFiles({ ...FILES, 'listing.md': '# Listing\n\nThe ls command lists the files of a directory.\n' });
    const { results } = await e.search('folder', { k: 5, mode: 'bm25' });
    expect(results.map((r) => r.path)).toEqual([join(folder, 'listing.md')]);
  });

  it('leaves the asker\'s spelling alone where the documents use it', async () => {
    const { engine: e, folder } = await indexFiles({ ...FILES, 'colours.md': '# Colours\n\nThe colour of a box can be changed in the layout.\n' });
    const { results } = await e.search('colour', { k: 5, mode: 'bm25' });
    expect(results.map((r) => r.path)).toEqual([join(folder, 'colours.md')]);
  });
});
