import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../electron/core/answer/ports.ts';
import { ModelError } from '../../../electron/core/errors.ts';
import { LlamaGenerator } from '../../../electron/core/models/llama-generator.ts';
import { disposeLlamaRuntime, getLlamaRuntime, inspectGguf } from '../../../native/llama.ts';
import { ensureTestZoo, zooPath, type TestZoo } from '../../../scripts/generate-model-zoo.ts';

const QUESTION: ChatMessage[] = [
  { role: 'system', text: 'Answer only from the sources below.' },
  { role: 'user', text: 'Sources:\n\n[1] notes.md\nThe meeting moved to Thursday.\n\nQuestion: When is the meeting?' },
];

let zoo: TestZoo;
let generator: LlamaGenerator;
beforeAll(async () => {
  zoo = await ensureTestZoo();
  await getLlamaRuntime({ threads: 2 });
  generator = await LlamaGenerator.load(zooPath(zoo, 'qwen2.5-0.5b-instruct'), { contextSize: 256, threads: 2 });
});
afterAll(async () => {
  await generator?.dispose();
  await disposeLlamaRuntime();
});

const answer = async (): Promise<string> => (await generator.generate(QUESTION, { maxTokens: 8, temperature: 0 })).text;

describe('LoRA adapters on a qwen2 (Qwen2.5-shaped) base', () => {
  it('describes the adapter as a qwen2 LoRA for Qwen2.5', async () => {
    const info = await inspectGguf(zooPath(zoo, 'qwen2.5-0.5b-instruct-lora'));
    expect(info.role).toBe('adapter');
    expect(info.adapter).toMatchObject({ type: 'lora', baseArchitecture: 'qwen2', baseModel: 'Qwen2.5 0.5B Instruct', rank: 8, alpha: 16, targets: ['attn_q', 'attn_v', 'ffn_up'] });
  });

  it('changes the greedy answer at scale 1 and leaves it unchanged at scale 0', async () => {
    const base = await answer();
    await generator.setAdapters([{ path: zooPath(zoo, 'qwen2.5-0.5b-instruct-lora'), scale: 1 }]);
    const adapted = await answer();
    await generator.setAdapters([{ path: zooPath(zoo, 'qwen2.5-0.5b-instruct-lora'), scale: 0 }]);
    const scaledToZero = await answer();
    await generator.setAdapters([]);
    expect(adapted).not.toBe(base);
    expect(scaledToZero).toBe(base);
    expect(await answer()).toBe(base);
  });

  it("refuses another family's adapter with a one-line message naming both files and both architectures", async () => {
    const llamaLora = zooPath(zoo, 'llama-3.2-1b-instruct-lora');
    const error = await generator.setAdapters([{ path: llamaLora }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'ADAPTER_MISMATCH', modelPath: llamaLora });
    expect((error as Error).message).toBe(
      'LoRA adapter llama-3.2-1b-instruct-lora.tiny.F32.gguf does not fit model qwen2.5-0.5b-instruct.tiny.F16.gguf: it was made for llama models, the model is qwen2.',
    );
    expect(generator.adapters).toEqual([]);
    await expect(LlamaGenerator.load(zooPath(zoo, 'qwen2.5-0.5b-instruct'), { contextSize: 256, threads: 2, adapters: [{ path: llamaLora }] })).rejects.toMatchObject({
      code: 'ADAPTER_MISMATCH',
    });
  });
});
