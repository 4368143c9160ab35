import { describe, expect, it } from 'vitest';
import { planBm25 } from '../../../electron/core/search/bm25-plan.ts';

const terms = (...pairs: [string, number][]) => pairs.map(([term, postings]) => ({ term, postings }));

describe('planBm25', () => {
  it('runs the plain query when every match fits the budget', () => {
    expect(planBm25(terms(['alpha', 300], ['beta', 600]), 1000)).toEqual({ rare: ['alpha', 'beta'], common: [] });
    expect(planBm25(terms(['alpha', 400], ['beta', 600]), 1000)).toEqual({ rare: ['alpha', 'beta'], common: [] });
  });

  it('keeps the rarest terms that fit the budget together and sets the rest aside, in query order', () => {
    const plan = planBm25(terms(['common', 1001], ['rare', 30], ['mid', 700], ['frequent', 900]), 1000);
    expect(plan).toEqual({ rare: ['rare', 'mid'], common: ['common', 'frequent'] });
  });

  it('stops at the first term that does not fit, even if a later one would', () => {
    // Sorted by postings: 10, 600, 600 — the second 600 does not fit after 610, so it is common.
    expect(planBm25(terms(['a', 600], ['b', 10], ['c', 600]), 1000)).toEqual({ rare: ['a', 'b'], common: ['c'] });
  });

  it('runs the plain query when not even the rarest term fits: splitting would not make it cheaper', () => {
    expect(planBm25(terms(['the', 5000], ['data', 2000]), 1000)).toEqual({ rare: ['the', 'data'], common: [] });
  });

  it('treats terms that match nothing as rare (they cost nothing)', () => {
    expect(planBm25(terms(['typo', 0], ['common', 5000]), 1000)).toEqual({ rare: ['typo'], common: ['common'] });
  });

  it('has no terms to plan for an empty query', () => {
    expect(planBm25([], 1000)).toEqual({ rare: [], common: [] });
  });
});
