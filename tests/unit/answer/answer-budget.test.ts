import { describe, expect, it } from 'vitest';
import { answerBudget } from '../../../electron/core/answer/answerer.ts';

describe('answerBudget: the tokens kept free for the answer, decided in one place', () => {
  it('by default keeps 512 tokens, but never more than a quarter of a small context', () => {
    expect(answerBudget(undefined, 8192)).toBe(512);
    expect(answerBudget(undefined, 2048)).toBe(512);
    expect(answerBudget(undefined, 1024)).toBe(256);
    expect(answerBudget(undefined, 512)).toBe(128);
    expect(answerBudget(undefined, 40)).toBe(16);
  });

  it('gives a requested budget up to half of the context', () => {
    expect(answerBudget(100, 4096)).toBe(100);
    expect(answerBudget(4000, 4096)).toBe(2048);
    expect(answerBudget(400, 512)).toBe(256);
  });
});
