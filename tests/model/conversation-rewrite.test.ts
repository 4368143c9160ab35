/**
 * The follow-up rewrite on the real generated chat model. Its weights are random, so its replies are noise:
 * whatever it says, the search query must stay sane — a checked rewrite, or the lexical carry-over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptRewrite } from '../../electron/core/conversation/rewrite.ts';
import { carryOver, standaloneQuery } from '../../electron/core/conversation/standalone-query.ts';
import { LlamaGenerator } from '../../electron/core/models/llama-generator.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestModels } from '../../scripts/generate-test-models.ts';

let generator: LlamaGenerator;

beforeAll(async () => {
  const models = await ensureTestModels();
  await getLlamaRuntime({ threads: 1 });
  generator = await LlamaGenerator.load(models.model, { contextSize: 1024 });
});
afterAll(async () => {
  await generator?.dispose();
  await disposeLlamaRuntime();
});

const CASES: [string, string][] = [
  ['How do I create an index?', 'Can I do it without locking the table?'],
  ['How many vacation days do employees accrue?', 'And do they carry over?'],
  ['How do I rotate log files?', 'Why?'],
];

describe('standaloneQuery with the generated chat model', () => {
  it.each(CASES)('after %j, %j becomes a checked rewrite or the carry-over', async (first, followUp) => {
    const previous = [{ question: first, answer: 'An answer.' }];
    let calls = 0;
    const counted = new Proxy(generator, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (key === 'generate') calls++;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const query = await standaloneQuery(previous, followUp, { generator: counted });
    expect(calls).toBe(1);
    if (query.method === 'rewritten') {
      expect(acceptRewrite(query.text, previous, followUp)).toBe(query.text);
      expect(query.text.length).toBeLessThanOrEqual(followUp.length + 150);
    } else {
      expect(query).toEqual(carryOver(previous, followUp));
    }
    expect(query.text).not.toMatch(/\n/);
    expect(query.query.trim()).not.toBe('');
  });
});
