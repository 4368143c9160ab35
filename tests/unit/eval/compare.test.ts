import { describe, expect, it } from 'vitest';
import { pairedDifference, runToRunNoise } from '../../../electron/core/eval/compare.ts';

describe('pairedDifference', () => {
  it('finds a consistent improvement real, with an interval around the mean difference', () => {
    const a = Array.from({ length: 50 }, (_, i) => 0.5 + (i % 5) * 0.01);
    const b = a.map((value, i) => value + 0.1 + (i % 3) * 0.01);
    const result = pairedDifference(a, b);
    // i % 3 is 0 for 17 questions, 1 for 17 and 2 for 16.
    expect(result.difference).toBeCloseTo(0.1 + (0.01 * (0 * 17 + 1 * 17 + 2 * 16)) / 50, 10);
    expect(result.ci95[0]).toBeGreaterThan(0);
    expect(result.ci95[0]).toBeLessThanOrEqual(result.difference);
    expect(result.ci95[1]).toBeGreaterThanOrEqual(result.difference);
    expect(result.significant).toBe(true);
  });

  it('calls a difference that flips sign from question to question noise', () => {
    const a = Array.from({ length: 40 }, () => 0.5);
    const b = a.map((value, i) => value + (i % 2 === 0 ? 0.2 : -0.2));
    const result = pairedDifference(a, b);
    expect(result.difference).toBeCloseTo(0, 10);
    expect(result.ci95[0]).toBeLessThan(0);
    expect(result.ci95[1]).toBeGreaterThan(0);
    expect(result.significant).toBe(false);
  });

  it('does not call a difference real when it is within the run-to-run noise', () => {
    const a = Array.from({ length: 30 }, () => 0.5);
    const b = a.map((value) => value + 0.01);
    expect(pairedDifference(a, b).significant).toBe(true);
    expect(pairedDifference(a, b, { noise: 0.02 }).significant).toBe(false);
  });

  it('is reproducible for a seed and rejects unpaired input', () => {
    const a = [0.1, 0.4, 0.3, 0.9];
    const b = [0.2, 0.3, 0.5, 0.8];
    expect(pairedDifference(a, b, { seed: 7 })).toEqual(pairedDifference(a, b, { seed: 7 }));
    expect(() => pairedDifference([1], [1, 2])).toThrow(/equal lengths/);
  });
});

describe('runToRunNoise', () => {
  it('is the spread of the run means', () => {
    expect(runToRunNoise([[0.5, 0.7], [0.6, 0.8], [0.55, 0.65]])).toBeCloseTo(0.7 - 0.6, 10);
    expect(runToRunNoise([[1, 2]])).toBe(0);
  });
});
