import { describe, expect, it } from 'vitest';
import { chooseThreshold, evaluateThreshold, type ScoredQuestion } from '../../../electron/core/answer/relevance-calibration.ts';

const answerable = (...scores: number[]): ScoredQuestion[] => scores.map((score) => ({ score, answerable: true }));
const unanswerable = (...scores: number[]): ScoredQuestion[] => scores.map((score) => ({ score, answerable: false }));

describe('chooseThreshold', () => {
  it('separates the two groups when it can, midway between them', () => {
    const calibration = chooseThreshold([...answerable(0.6, 0.7, 0.9), ...unanswerable(0.1, 0.2, 0.4)]);
    expect(calibration.threshold).toBeCloseTo(0.5);
    expect(calibration).toMatchObject({ precision: 1, recall: 1, wronglyDeclined: 0, examples: 6 });
  });

  it('declines at most 5% of the answerable questions, and as many unanswerable ones as that allows', () => {
    // 20 answerable: one may be declined (5%), not two.
    const scores = [...answerable(0.3, 0.35, ...Array.from({ length: 18 }, (_, i) => 0.5 + i * 0.02)), ...unanswerable(0.1, 0.2, 0.32, 0.4, 0.6)];
    const calibration = chooseThreshold(scores);
    expect(calibration.wronglyDeclined).toBeCloseTo(1 / 20);
    // Declines everything below 0.35: the answerable 0.3 and the unanswerable 0.1, 0.2, 0.32.
    expect(calibration.threshold).toBeCloseTo((0.32 + 0.35) / 2);
    expect(calibration.recall).toBeCloseTo(3 / 5);
    expect(calibration.precision).toBeCloseTo(3 / 4);
    // A stricter bound declines no answerable question.
    expect(chooseThreshold(scores, 0).wronglyDeclined).toBe(0);
    expect(chooseThreshold(scores, 0).threshold).toBeCloseTo((0.2 + 0.3) / 2);
  });

  it('needs both kinds of question and finite scores', () => {
    expect(() => chooseThreshold(answerable(0.5))).toThrow(/both answerable and unanswerable/);
    expect(() => chooseThreshold([...answerable(Number.NaN), ...unanswerable(0.1)])).toThrow(/finite/);
  });
});

describe('evaluateThreshold', () => {
  it('reports precision and recall of declining, and the answerable questions lost', () => {
    const scores = [...answerable(0.2, 0.8), ...unanswerable(0.1, 0.9)];
    expect(evaluateThreshold(scores, 0.5)).toEqual({ threshold: 0.5, precision: 0.5, recall: 0.5, wronglyDeclined: 0.5, examples: 4 });
    expect(evaluateThreshold(scores, 0)).toMatchObject({ precision: 1, recall: 0, wronglyDeclined: 0 });
  });
});
