// Words written together or apart, checked against a real index (SQLite FTS5): a variant is searched only when
// the documents spell the thing that way, and it brings the page that answers into the results.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/core/engine.ts';
import { compoundVariants } from '../../../electron/core/search/compound-variants.ts';
import { useIndexedEngines } from '../../helpers/indexed-engine.ts';

const indexFiles = useIndexedEngines();

const FILES: Record<string, string> = {
  'backups.md': '# Backups\n\nA backup of every app can be stored on a remote server and restored later.\n',
  'throwaway.md': '# Aliases\n\nCreate a throw away address for newsletters; delete it when the spam starts.\n',
  'throwaway-2.md': '# Aliases and spam\n\nA throw away address keeps your real one private.\n',
  'welcome.md': '# Welcome\n\nThe box serves a web interface to everyone on the network. Back to the top.\n',
};

async function indexed(): Promise<Engine> {
  return (await indexFiles(FILES)).engine;
}

describe('compoundVariants', () => {
  it('joins neighbouring words the index holds as one word, and splits a word the index mostly writes apart', async () => {
    const e = await indexed();
    expect(compoundVariants('How do I back up my photos?', e.store.search)).toEqual(['backup']);
    expect(compoundVariants('Can I make throwaway addresses?', e.store.search)).toEqual(['throw awai']);
  });

  it('adds nothing the index does not spell, nor joins one-letter words or words with apostrophes', async () => {
    const e = await indexed();
    expect(compoundVariants('Is there a way to print a poster?', e.store.search)).toEqual([]);
    expect(compoundVariants("I'd like the web page", e.store.search)).toEqual([]);
  });

  it('finds the page that writes the word the other way', async () => {
    const e = await indexed();
    const { results } = await e.search('back up', { k: 1, mode: 'bm25' });
    expect(results[0]?.path.endsWith('backups.md')).toBe(true);
  });
});
