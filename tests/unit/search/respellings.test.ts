// British and American spellings, and long forms of short ones, proposed for one word; which is used is decided against the index
// (tests/integration/engine/respellings.test.ts).
import { describe, expect, it } from 'vitest';
import { indexedRespellings, respellings } from '../../../electron/core/search/respellings.ts';

describe('respellings', () => {
  it.each([
    ['colour', 'color'], ['colours', 'colors'], ['behaviour', 'behavior'], ['favourite', 'favorite'],
    ['optimise', 'optimize'], ['organisation', 'organization'], ['initialised', 'initialized'],
    ['analyse', 'analyze'], ['centre', 'center'], ['fibres', 'fibers'], ['catalogue', 'catalog'],
    ['licence', 'license'], ['cancelled', 'canceled'], ['travelling', 'traveling'], ['judgement', 'judgment'],
    ['programme', 'program'], ['grey', 'gray'], ['aluminium', 'aluminum'],
  ])('spells %s the American way as %s, and back', (british, american) => {
    expect(respellings(british)).toContain(american);
    expect(respellings(american)).toContain(british);
  });

  it('proposes nothing for words no rule reaches, and never the word itself', () => {
    for (const word of ['receipt', 'backup', 'it', 'our', 'hour', 'are']) expect(respellings(word)).toEqual([]);
    expect(respellings('colour')).not.toContain('colour');
  });
});

describe('indexedRespellings', () => {
  const index = (terms: string[]) => (term: string) => terms.includes(term);

  it('takes the index spelling of a word the index lacks', () => {
    expect(indexedRespellings('What do the colours mean?', index(['color', 'mean']))).toEqual(new Map([['colour', 'color']]));
    expect(indexedRespellings('How do I optimise a query?', index(['optim', 'queri']))).toEqual(new Map([['optimis', 'optim']]));
  });

  it('takes the long form the index holds of a short form it lacks', () => {
    const found = indexedRespellings('Where do I set an env var in the config?', index(['environ', 'variabl', 'configur', 'set']));
    expect(found).toEqual(new Map([['env', 'environ'], ['var', 'variabl'], ['config', 'configur']]));
    // "app" is the manual's own word here: kept as asked.
    expect(indexedRespellings('Which app backs up the docs?', index(['app', 'back', 'document']))).toEqual(new Map([['doc', 'document']]));
  });

  it('takes the manual\'s word for an everyday one, either way', () => {
    expect(indexedRespellings('Which folder holds the logs?', index(['directori', 'hold', 'log']))).toEqual(new Map([['folder', 'directori']]));
    expect(indexedRespellings('Which directory holds the logs?', index(['folder', 'hold', 'log']))).toEqual(new Map([['directori', 'folder']]));
  });

  it('leaves a word the index holds as asked, and one whose other spelling it lacks too', () => {
    expect(indexedRespellings('What do the colours mean?', index(['colour', 'color']))).toEqual(new Map());
    expect(indexedRespellings('What do the colours mean?', index(['mean']))).toEqual(new Map());
  });
});
