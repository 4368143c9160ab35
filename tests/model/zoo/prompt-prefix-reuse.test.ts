import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groundedMessages, type PromptSource } from '../../../electron/core/answer/prompt.ts';
import { LlamaGenerator } from '../../../electron/core/models/llama-generator.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../../native/llama.ts';
import { ensureTestZoo, zooPath, type TestZoo } from '../../../scripts/generate-model-zoo.ts';

/**
 * LlamaGenerator keeps its context's sequence between answers, so the KV cache of the system prompt (and of
 * whatever else the next prompt shares with the last one) is not evaluated again. Measured on llama.cpp's own
 * token meter, on the real chat templates of the zoo; gemma3 is in because its sliding-window cache cannot
 * always erase a suffix, and must then evaluate again rather than answer from a stale cache.
 */
const source = (n: number, path: string, text: string): PromptSource => ({ n, path, startLine: 1, endLine: 3, page: null, heading: '', text });
const TAXES = source(1, 'taxes/2024.md', 'The tax return is due on 15 May. Late returns pay a fine of 50 euros per month.');
const GARDEN = source(1, 'garden/roses.md', 'Prune the roses in March, after the last frost, down to five buds per stem.');
const RECEIPTS = source(2, 'taxes/receipts.md', 'Keep receipts for seven years in the blue folder.');

const FIRST = groundedMessages('When is the tax return due?', [TAXES, RECEIPTS]);
/** A follow-up: same first source, another question. */
const FOLLOW_UP = groundedMessages('And how much is the fine if it is late?', [TAXES, RECEIPTS]);
/** Another topic: only the system prompt and the start of the user turn are shared. */
const OTHER_TOPIC = groundedMessages('When should I prune the roses?', [GARDEN]);

let zoo: TestZoo;
beforeAll(async () => {
  zoo = await ensureTestZoo();
  await getLlamaRuntime({ threads: 2 });
});
afterAll(async () => {
  await disposeLlamaRuntime();
});

describe.each(['qwen2.5-0.5b-instruct', 'llama-3.2-1b-instruct', 'gemma-3-1b-it'])('%s (tiny): prompt prefix kept in the KV cache', (id) => {
  let reusing: LlamaGenerator;
  let fresh: LlamaGenerator;
  beforeAll(async () => {
    reusing = await LlamaGenerator.load(zooPath(zoo, id), { contextSize: 512, threads: 2 });
    fresh = await LlamaGenerator.load(zooPath(zoo, id), { contextSize: 512, threads: 2, reusePrefix: false });
  });
  afterAll(async () => {
    await reusing?.dispose();
    await fresh?.dispose();
  });

  it('evaluates the first prompt whole, then only what the next question changes', async () => {
    const first = await reusing.generate(FIRST, { maxTokens: 4, temperature: 0 });
    expect(reusing.lastPrompt).toEqual({ promptTokens: first.promptTokens, evaluatedTokens: first.promptTokens });

    const other = await reusing.generate(OTHER_TOPIC, { maxTokens: 4, temperature: 0 });
    const otherEval = reusing.lastPrompt;
    expect(otherEval?.promptTokens).toBe(other.promptTokens);
    expect(other.promptTokens).toBe(reusing.countPromptTokens(OTHER_TOPIC));
    // At least the system prompt came from the cache.
    const systemTokens = reusing.baseModel.tokenize(FIRST[0]?.text ?? '').length;
    expect(otherEval?.evaluatedTokens).toBeLessThan(other.promptTokens - systemTokens);
    expect(otherEval?.evaluatedTokens).toBeGreaterThan(0);

    // Back to the first topic, then its follow-up: the shared source comes from the cache too.
    await reusing.generate(FIRST, { maxTokens: 4, temperature: 0 });
    const followUp = await reusing.generate(FOLLOW_UP, { maxTokens: 4, temperature: 0 });
    const followUpEval = reusing.lastPrompt;
    expect(followUpEval?.promptTokens).toBe(followUp.promptTokens);
    // Only the question and the turn's closing tokens differ from the prompt before it.
    const question = reusing.baseModel.tokenize(FOLLOW_UP[1]?.text.split('Question:')[1] ?? '').length;
    expect(followUpEval?.evaluatedTokens).toBeLessThanOrEqual(question + 12);
    expect(followUpEval?.evaluatedTokens).toBeLessThan(otherEval?.evaluatedTokens ?? 0);
  });

  it('without reuse, every prompt is evaluated whole', async () => {
    await fresh.generate(FIRST, { maxTokens: 4, temperature: 0 });
    const followUp = await fresh.generate(FOLLOW_UP, { maxTokens: 4, temperature: 0 });
    expect(fresh.lastPrompt).toEqual({ promptTokens: followUp.promptTokens, evaluatedTokens: followUp.promptTokens });
  });

  it('answers as if the prompt had been evaluated whole: same greedy answer, same counts', async () => {
    for (const messages of [FOLLOW_UP, OTHER_TOPIC, FIRST]) {
      const kept = await reusing.generate(messages, { maxTokens: 12, temperature: 0 });
      const whole = await fresh.generate(messages, { maxTokens: 12, temperature: 0 });
      expect(kept.text).toBe(whole.text);
      expect(kept.promptTokens).toBe(whole.promptTokens);
      expect(kept.completionTokens).toBe(whole.completionTokens);
    }
  });

  it('keeps the cache across an aborted answer', async () => {
    const stop = new AbortController();
    let pieces = 0;
    const aborted = await reusing.generate(FIRST, { maxTokens: 32, temperature: 0 }, { signal: stop.signal, onToken: () => void (++pieces === 2 && stop.abort()) });
    expect(aborted.stopReason).toBe('aborted');
    const next = await reusing.generate(FOLLOW_UP, { maxTokens: 4, temperature: 0 });
    expect(reusing.lastPrompt?.evaluatedTokens).toBeLessThan(next.promptTokens);
  });
});
