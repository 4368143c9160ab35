import { describe, expect, it } from 'vitest';
import { contentTerms, isRelevant, termCoverage } from '../../../electron/core/answer/relevance.ts';

describe('relevance', () => {
  it('uses the index analyser: stems, folds accents, drops stopwords', () => {
    expect(contentTerms('How many vacation days do the employees get?')).toEqual(['mani', 'vacat', 'dai', 'employe', 'get']);
    expect(contentTerms('Où est le café?')).toContain('cafe');
  });

  it('needs at least half of the question terms in the passage', () => {
    const terms = contentTerms('vacation days carry over');
    expect(termCoverage(terms, 'Unused vacation days carry over until March.')).toBe(1);
    expect(isRelevant(terms, 'Unused vacation days carry over until March.')).toBe(true);
    expect(isRelevant(terms, 'Vacation photos from the beach.')).toBe(false);
    expect(isRelevant(contentTerms('bake sourdough bread'), 'Submit receipts within thirty days.')).toBe(false);
  });

  it('is never relevant for a question without terms', () => {
    expect(isRelevant(contentTerms('?!'), 'anything')).toBe(false);
  });
});
