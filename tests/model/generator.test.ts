import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../electron/core/answer/ports.ts';
import { LlamaGenerator } from '../../electron/core/models/llama-generator.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestModels } from '../../scripts/generate-test-models.ts';

// The random model streams ordinary word pieces for this prompt (for others it can sit in byte-fallback
// tokens that never form valid UTF-8, which node-llama-cpp rightly holds back).
const MESSAGES: ChatMessage[] = [{ role: 'user', text: 'What is the name of the little girl?' }];

let generator: LlamaGenerator;
beforeAll(async () => {
  const models = await ensureTestModels();
  await getLlamaRuntime({ threads: 1 });
  generator = await LlamaGenerator.load(models.model, { contextSize: 256 });
});
afterAll(async () => {
  await generator?.dispose();
  await disposeLlamaRuntime();
});

describe('LlamaGenerator on the generated model', () => {
  it('formats with the model\'s ChatML template and counts its tokens', () => {
    expect(generator.modelId).toBe('tiny-llama.gguf');
    expect(generator.contextSize).toBe(256);
    const base = generator.countPromptTokens(MESSAGES);
    const withSystem = generator.countPromptTokens([{ role: 'system', text: 'Answer from the sources.' }, ...MESSAGES]);
    expect(base).toBeGreaterThan(10);
    expect(withSystem).toBeGreaterThan(base + 5);
  });

  it('streams the answer token by token', async () => {
    const pieces: string[] = [];
    const result = await generator.generate(MESSAGES, { maxTokens: 16 }, { onToken: (text) => pieces.push(text) });
    expect(result.completionTokens).toBe(16);
    expect(result.stopReason).toBe('maxTokens');
    // One callback per decoded piece (a few byte-fallback tokens may merge into one character).
    expect(pieces.length).toBeGreaterThanOrEqual(8);
    expect(pieces.join('')).toBe(result.text);
    expect(result.promptTokens).toBe(generator.countPromptTokens(MESSAGES));
    expect(result.firstTokenMs).toBeGreaterThan(0);
  });

  it('stops at once when cancelled, returning the text so far', async () => {
    const controller = new AbortController();
    const pieces: string[] = [];
    const result = await generator.generate(MESSAGES, { maxTokens: 64 }, {
      signal: controller.signal,
      onToken: (text) => {
        pieces.push(text);
        if (pieces.length === 3) controller.abort();
      },
    });
    expect(result.stopReason).toBe('aborted');
    expect(result.completionTokens).toBeLessThanOrEqual(5);
    expect(pieces.length).toBeLessThanOrEqual(4);
    // Already cancelled: nothing is generated and nothing throws.
    const none = await generator.generate(MESSAGES, { maxTokens: 8 }, { signal: AbortSignal.abort() });
    expect(none).toMatchObject({ text: '', completionTokens: 0, stopReason: 'aborted' });
  });

  it('gives the same answer twice at temperature 0, and seeded samples repeat', async () => {
    const greedy = await generator.generate(MESSAGES, { maxTokens: 12, temperature: 0 });
    expect((await generator.generate(MESSAGES, { maxTokens: 12, temperature: 0 })).text).toBe(greedy.text);
    const sample = (seed: number) => generator.generate(MESSAGES, { maxTokens: 12, temperature: 1.5, seed }).then((r) => r.text);
    const a = await sample(1);
    expect(await sample(1)).toBe(a);
    const others = [await sample(2), await sample(3)];
    expect(others.some((text) => text !== a)).toBe(true);
  });
});
