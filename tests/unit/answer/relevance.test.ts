import { absentTermWeight } from '../../../electron/core/answer/everyday-words.ts';
import { describe, expect, it } from 'vitest';
import {
  inverseDocumentFrequency,
  isLexicallyCovered,
  lexicalEvidence,
  weighQuery,
  type TermStatisticsSource,
} from '../../../electron/core/answer/relevance.ts';
import { DEFAULT_THRESHOLDS } from '../../../electron/core/answer/relevance-thresholds.ts';
import { queryTerms } from '../../../electron/core/search/analyze.ts';

/** Document frequencies as an index of `chunks` chunks would report them (terms as analysed). */
function statistics(chunks: number, frequencies: Record<string, number>): TermStatisticsSource {
  return (terms) => ({ chunks, documentFrequency: new Map(terms.map((term) => [term, frequencies[term] ?? 0])) });
}

const lexical = DEFAULT_THRESHOLDS.lexical;

describe('inverseDocumentFrequency', () => {
  it('falls as a term gets commoner and stays positive', () => {
    const idf = [1, 10, 100, 1000].map((df) => inverseDocumentFrequency(df, 1000));
    for (let i = 1; i < idf.length; i++) expect(idf[i]).toBeLessThan(idf[i - 1] as number);
    expect(idf.at(-1)).toBeGreaterThan(0);
  });
});

describe('weighQuery', () => {
  it('weighs the search terms of the query (queryTerms: analysed like the index, stop words dropped)', () => {
    const query = weighQuery('How many vacation days do the employees get?', statistics(100, {}));
    expect(query.terms.map((t) => t.term)).toEqual(queryTerms('How many vacation days do the employees get?'));
  });

  it('gives a rare term more weight than a common one, and a specific term the index never saw the most', () => {
    const query = weighQuery('rotate kerberos keytab', statistics(1000, { rotat: 300, kerbero: 12, keytab: 1 }));
    const idf = Object.fromEntries(query.terms.map((t) => [t.term, t.idf]));
    expect(idf.keytab).toBeGreaterThan(idf.kerbero as number);
    expect(idf.kerbero).toBeGreaterThan(idf.rotat as number);
    const unseen = weighQuery('rotate kubernetes', statistics(1000, { rotat: 300 })).terms.find((t) => t.term === 'kubernet');
    expect(unseen).toMatchObject({ documentFrequency: 0, idf: inverseDocumentFrequency(1, 1000) });
  });

  it('gives an everyday word the index never saw a small part of that weight: it is likely the asker\'s own phrasing', () => {
    const query = weighQuery('docker yesterday quotas', statistics(1000, {}));
    const idf = Object.fromEntries(query.terms.map((t) => [t.term, t.idf]));
    const full = inverseDocumentFrequency(1, 1000);
    expect(idf.docker).toBeCloseTo(full);
    expect(idf.yesterdai).toBeLessThan(full * 0.3);
    expect(idf.quota).toBeGreaterThan(full * 0.7);
    expect(absentTermWeight('yesterdai')).toBeGreaterThan(0);
  });

  it('weighs every term alike without statistics', () => {
    expect(new Set(weighQuery('vacation days carry over').terms.map((t) => t.idf))).toEqual(new Set([1]));
  });
});

describe('lexical coverage', () => {
  const stats = statistics(1000, { vacat: 20, dai: 400, carri: 30, photo: 5, beach: 3 });

  it('is the share of the query\'s IDF mass found in the passage (title, heading and text, analysed like the index)', () => {
    const query = weighQuery('vacation days carry over', stats);
    expect(lexicalEvidence(query, 'Unused vacation days carry over until March.').coverage).toBeCloseTo(1);
    expect(lexicalEvidence(query, 'Nothing related here.').coverage).toBe(0);
    expect(lexicalEvidence(query, { title: 'Vacation', heading: 'Carrying over', text: 'Unused days stay.' }).coverage).toBeCloseTo(1);
  });

  it('counts a rare term for more than a common one', () => {
    const query = weighQuery('vacation days', stats);
    const rare = lexicalEvidence(query, 'Vacation policy.').coverage;
    const common = lexicalEvidence(query, 'Days of the week.').coverage;
    expect(rare).toBeGreaterThan(0.5);
    expect(common).toBeLessThan(0.5);
    expect(rare + common).toBeCloseTo(1);
    // With the default threshold, the passage holding the rare term is covered, the one holding the common one is not.
    expect(isLexicallyCovered({ coverage: rare }, lexical)).toBe(true);
    expect(isLexicallyCovered({ coverage: common }, lexical)).toBe(false);
  });

  it('declines a question whose important words the documents never mention, whatever common words it shares', () => {
    const query = weighQuery('How do I bake sourdough bread for the holidays?', statistics(1000, { holidai: 40 }));
    const evidence = lexicalEvidence(query, 'Holidays are listed in the calendar.');
    expect(evidence.coverage).toBeGreaterThan(0);
    expect(isLexicallyCovered(evidence, lexical)).toBe(false);
  });

  it('keeps a paraphrase that shares its subject and misses a word the index never saw', () => {
    // "When are receipts due?" against "Receipts go to finance within 30 days.": "due" is nowhere in the index.
    const query = weighQuery('receipts due', statistics(5, { receipt: 1, financ: 1, dai: 2 }));
    const evidence = lexicalEvidence(query, 'Receipts go to finance within 30 days.');
    expect(evidence.coverage).toBeCloseTo(1 / (1 + absentTermWeight('due')));
    expect(isLexicallyCovered(evidence, lexical)).toBe(true);
  });

  it('judges the text by its best window of three sentences: the same words scattered over a passage count less', () => {
    const query = weighQuery('mail server scans attachments', statistics(100, { mail: 5, server: 5, scan: 5, attach: 5 }));
    const together = 'Intro. The mail server scans attachments. Other. More. Words. Here.';
    const scattered = 'The mail arrives. One. Two. Three. The server runs. Four. Five. Six. Scans happen. Seven. Eight. Attachments too.';
    expect(lexicalEvidence(query, together).coverage).toBeCloseTo(1);
    expect(lexicalEvidence(query, scattered).coverage).toBeCloseTo(0.25);
    // Title and heading count for every window.
    expect(lexicalEvidence(query, { title: 'Mail server', heading: 'Attachments', text: scattered }).coverage).toBeCloseTo(1);
  });

  it('never covers a question without terms, or a passage holding none of them', () => {
    expect(isLexicallyCovered(lexicalEvidence(weighQuery('?!', stats), 'anything'), 0)).toBe(false);
    expect(isLexicallyCovered({ coverage: 0 }, 0)).toBe(false);
  });
});
