import { describe, expect, it } from 'vitest';
import { abstention } from '../../../electron/core/eval/answer-eval.ts';
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

describe('abstention precision and recall', () => {
  const q = (answerable: boolean, kind: 'abstained' | 'extractive') => ({ answerable, kind });

  it('counts a decline as a positive: precision over the declined, recall over the unanswerable', () => {
    // Declined: 2 unanswerable + 1 answerable -> precision 2/3; unanswerable: 2 declined of 4 -> recall 2/4.
    const questions = [q(false, 'abstained'), q(false, 'abstained'), q(true, 'abstained'), q(false, 'extractive'), q(false, 'extractive'), q(true, 'extractive')];
    expect(abstention(questions)).toEqual({ abstentionPrecision: 2 / 3, abstentionRecall: 2 / 4 });
  });

  it('has no precision when nothing was declined and no recall without unanswerable questions', () => {
    expect(abstention([q(true, 'extractive'), q(false, 'extractive')])).toEqual({ abstentionPrecision: null, abstentionRecall: 0 });
    expect(abstention([q(true, 'abstained'), q(true, 'extractive')])).toEqual({ abstentionPrecision: 0, abstentionRecall: null });
  });
});
