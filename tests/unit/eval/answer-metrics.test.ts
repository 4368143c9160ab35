import { describe, expect, it } from 'vitest';
import { scoreAnswer, tokenF1 } from '../../../electron/core/eval/answer-metrics.ts';

describe('tokenF1', () => {
  it('matches SQuAD-style normalisation: case, punctuation, articles and citation marks ignored', () => {
    // Prediction tokens: answer, is, twenty, days ("the" and "[1]" dropped): precision 2/4, recall 2/2.
    expect(tokenF1('The answer is Twenty days [1].', 'twenty days')).toBeCloseTo((2 * (2 / 4) * 1) / (2 / 4 + 1), 10);
    expect(tokenF1('Twenty days.', 'twenty days')).toBe(1);
    expect(tokenF1('thirty', 'twenty days')).toBe(0);
  });

  it('counts repeated tokens only as often as the reference has them', () => {
    // prediction "days days days" vs reference "days": 1 common token; precision 1/3, recall 1.
    expect(tokenF1('days days days', 'days')).toBeCloseTo((2 * (1 / 3) * 1) / (1 / 3 + 1), 10);
  });

  it('handles empty texts', () => {
    expect(tokenF1('', '')).toBe(1);
    expect(tokenF1('the', 'days')).toBe(0);
  });
});

describe('scoreAnswer', () => {
  it('scores citation validity and relevance of what was cited', () => {
    const scores = scoreAnswer(
      { declined: false, validCitations: 3, removedCitations: 1, citedIds: ['a', 'b', 'b'], answer: 'x' },
      new Set(['a']),
    );
    expect(scores).toEqual({ citationValidity: 0.75, citedRelevance: 0.5, declined: false, overlapF1: undefined });
  });

  it('leaves citation scores undefined when nothing was cited, and scores overlap with a reference', () => {
    const scores = scoreAnswer({ declined: true, validCitations: 0, removedCitations: 0, citedIds: [], answer: 'not covered' }, new Set(), 'not covered');
    expect(scores).toEqual({ citationValidity: undefined, citedRelevance: undefined, declined: true, overlapF1: 1 });
  });
});
