import { describe, expect, it } from 'vitest';
import { parseCompareConfiguration } from '../../../electron/core/feedback/compare-configuration.ts';
import { splitExamples, trainingExamples } from '../../../electron/core/feedback/training-examples.ts';
import type { StoredAnswer } from '../../../electron/core/feedback/types.ts';

function approved(id: number, question: string, answer = `Answer ${id} [1].`): StoredAnswer {
  return {
    id,
    at: id,
    question,
    kind: 'generated',
    answer,
    configuration: { model: 'm.gguf', adapters: [] },
    sources: [{ n: 1, chunkId: id, path: '/d/a.md', startLine: 1, endLine: 2, page: null, heading: '', text: `text ${question}`, sha256: 'x' }],
    citations: [1],
    folders: ['/d'],
    feedback: { verdict: 'good', correctedAnswer: null, at: id },
  };
}

describe('the held-out split', () => {
  const questions = Array.from({ length: 200 }, (_, i) => `question number ${i}`);
  const { examples } = trainingExamples(questions.map((q, i) => approved(i + 1, q)));

  it('holds out about the share asked, the same questions every time, whatever the order', () => {
    const { heldOut, train } = splitExamples(examples, 0.1);
    expect(heldOut.length + train.length).toBe(200);
    expect(heldOut.length).toBeGreaterThan(8);
    expect(heldOut.length).toBeLessThan(40);
    const again = splitExamples([...examples].reverse(), 0.1);
    expect(again.heldOut.map((e) => e.question).sort()).toEqual(heldOut.map((e) => e.question).sort());
    // A question stays on its side as the dataset grows.
    const grown = splitExamples(trainingExamples([...questions, 'one more question'].map((q, i) => approved(i + 1, q))).examples, 0.1);
    expect(grown.heldOut.map((e) => e.question).filter((q) => q !== 'one more question').sort()).toEqual(heldOut.map((e) => e.question).sort());
  });

  it('keeps answers to the same question on one side, and never holds out everything', () => {
    const same = trainingExamples([approved(1, 'Which months?', 'May [1].'), approved(2, 'which  months?', 'From May [1].')]).examples;
    expect(splitExamples(same, 0.5)).toMatchObject({ heldOut: [], train: [{}, {}] });
    const two = trainingExamples([approved(1, 'first question'), approved(2, 'second question')]).examples;
    const split = splitExamples(two, 0.01);
    expect(split.heldOut).toHaveLength(1);
    expect(split.train).toHaveLength(1);
    expect(splitExamples(two, 0.99).train).toHaveLength(1);
    expect(splitExamples(two, 0).heldOut).toEqual([]);
  });
});

describe('compare configurations', () => {
  it('reads current, none, adapters with scales and another model', () => {
    expect(parseCompareConfiguration('current')).toEqual({ label: 'current' });
    expect(parseCompareConfiguration('none')).toEqual({ adapters: [], label: 'none' });
    expect(parseCompareConfiguration('adapter=/a/x.gguf@0.8,adapter=/a/y.gguf')).toEqual({
      adapters: [{ path: '/a/x.gguf', scale: 0.8 }, { path: '/a/y.gguf', scale: 1 }],
      label: 'adapter=/a/x.gguf@0.8,adapter=/a/y.gguf',
    });
    expect(parseCompareConfiguration('model=/m/other.gguf')).toEqual({ model: '/m/other.gguf', adapters: [], label: 'model=/m/other.gguf' });
  });

  it('refuses what it cannot read in one line naming the syntax', () => {
    expect(() => parseCompareConfiguration('lora=/a/x.gguf')).toThrow(
      '--compare lora=/a/x.gguf: "lora=/a/x.gguf" is not model=FILE or adapter=FILE[@SCALE]; write current | none | adapter=FILE[@SCALE][,adapter=…] | model=FILE[,adapter=…]',
    );
    expect(() => parseCompareConfiguration('adapter=')).toThrow(/"adapter=" has no file/);
    expect(() => parseCompareConfiguration('model=/a,model=/b')).toThrow(/name one model/);
  });
});
