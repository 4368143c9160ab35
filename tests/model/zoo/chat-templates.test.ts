import { Template } from '@huggingface/jinja';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../electron/core/answer/ports.ts';
import { LlamaGenerator } from '../../../electron/core/models/llama-generator.ts';
import type { LlamaModel } from '../../../native/llama.ts';
import { useTestZoo } from '../../helpers/test-zoo.ts';

/** Trove's prompt shape (electron/core/answer/prompt.ts): a system prompt, then sources and the question. */
const MESSAGES: ChatMessage[] = [
  { role: 'system', text: 'Answer only from the sources below. Cite them like [1].' },
  { role: 'user', text: 'Sources:\n\n[1] taxes/2024.md\nThe tax return is due on 15 May.\n\nQuestion: When is the tax return due?' },
];

interface ChatFamily {
  readonly id: string;
  readonly architecture: string;
  readonly tokenizerModel: 'gpt2' | 'llama';
  readonly pre: string;
  readonly vocabSize: number;
  /** What the family's template writes to open the answer turn. */
  readonly answerOpener: string;
  /**
   * The layout Trove uses: node-llama-cpp's specialised wrapper where it matches the model's template token for
   * token (Qwen3's also understands thinking segments), else the template itself ("JinjaTemplate").
   */
  readonly format: string;
  /** "Hello world" in the real tokenizer's ids, where they are published; checks the vocabulary is the real one. */
  readonly helloWorld?: readonly number[];
}

const FAMILIES: readonly ChatFamily[] = [
  { id: 'qwen2.5-0.5b-instruct', architecture: 'qwen2', tokenizerModel: 'gpt2', pre: 'qwen2', vocabSize: 151_936, answerOpener: '<|im_start|>assistant\n', format: 'JinjaTemplate', helloWorld: [9707, 1879] },
  { id: 'qwen3-0.6b', architecture: 'qwen3', tokenizerModel: 'gpt2', pre: 'qwen2', vocabSize: 151_936, answerOpener: '<|im_start|>assistant\n', format: 'Qwen', helloWorld: [9707, 1879] },
  { id: 'llama-3.2-1b-instruct', architecture: 'llama', tokenizerModel: 'gpt2', pre: 'llama-bpe', vocabSize: 128_256, answerOpener: '<|start_header_id|>assistant<|end_header_id|>\n\n', format: 'Llama 3', helloWorld: [9906, 1917] },
  { id: 'gemma-3-1b-it', architecture: 'gemma3', tokenizerModel: 'llama', pre: 'default', vocabSize: 262_144, answerOpener: '<start_of_turn>model\n', format: 'JinjaTemplate' },
  { id: 'granite-3.3-2b-instruct', architecture: 'granite', tokenizerModel: 'gpt2', pre: 'refact', vocabSize: 49_155, answerOpener: '<|start_of_role|>assistant<|end_of_role|>', format: 'JinjaTemplate' },
];

interface TokenizerMeta {
  readonly chat_template: string;
  readonly ggml: { readonly model: string; readonly pre: string; readonly tokens: string[]; readonly bos_token_id?: number; readonly eos_token_id?: number; readonly add_bos_token?: boolean };
}

/**
 * The prompt as the file's own chat template writes it, rendered here with @huggingface/jinja (the template
 * engine transformers.js uses) and tokenized by the model, BOS first when the vocabulary asks for one and the
 * template did not write it, as llama.cpp does. This is the reference Trove's count must equal.
 */
function referencePrompt(model: LlamaModel): { text: string; tokens: number[] } {
  const tokenizer = (model.fileInfo.metadata as unknown as { tokenizer: TokenizerMeta }).tokenizer;
  const name = (id: number | undefined): string => (id === undefined ? '' : (tokenizer.ggml.tokens[id] ?? ''));
  const text = new Template(tokenizer.chat_template).render({
    messages: MESSAGES.map((m) => ({ role: m.role, content: m.text })),
    add_generation_prompt: true,
    bos_token: name(tokenizer.ggml.bos_token_id),
    eos_token: name(tokenizer.ggml.eos_token_id),
  });
  const tokens = model.tokenize(text, true) as number[];
  const bos = model.tokens.bos;
  return { text, tokens: tokenizer.ggml.add_bos_token === true && bos !== null && tokens[0] !== bos ? [bos, ...tokens] : tokens };
}

const zooModel = useTestZoo();

describe.each(FAMILIES)('$id chat model (tiny, $architecture)', (family) => {
  let generator: LlamaGenerator;
  beforeAll(async () => {
    generator = await LlamaGenerator.load(zooModel(family.id), { contextSize: 512, threads: 2 });
  });
  afterAll(async () => {
    await generator?.dispose();
  });

  it('carries the real architecture, tokenizer and chat template', () => {
    const model = generator.baseModel;
    const meta = model.fileInfo.metadata as unknown as { general: { architecture: string }; tokenizer: TokenizerMeta };
    expect(meta.general.architecture).toBe(family.architecture);
    expect(meta.tokenizer.ggml.model).toBe(family.tokenizerModel);
    expect(meta.tokenizer.ggml.pre).toBe(family.pre);
    expect(meta.tokenizer.ggml.tokens).toHaveLength(family.vocabSize);
    expect(referencePrompt(model).text.endsWith(family.answerOpener)).toBe(true);
    const hello = model.tokenize('Hello world');
    if (family.helloWorld !== undefined) expect(hello).toEqual(family.helloWorld);
    expect(hello).toHaveLength(2);
    expect(model.detokenize(hello)).toBe('Hello world');
  });

  it("counts the prompt exactly as the model's own template lays it out", () => {
    expect(generator.chatFormat).toBe(family.format);
    const reference = referencePrompt(generator.baseModel);
    expect(generator.countPromptTokens(MESSAGES)).toBe(reference.tokens.length);
  });

  it('evaluates exactly the counted prompt before answering', async () => {
    const result = await generator.generate(MESSAGES, { maxTokens: 3, temperature: 0 });
    // promptTokens is measured on the llama.cpp sequence when the first answer token is sampled.
    expect(result.promptTokens).toBe(generator.countPromptTokens(MESSAGES));
    expect(result.promptTokens).toBe(referencePrompt(generator.baseModel).tokens.length);
    expect(result.completionTokens).toBeGreaterThan(0);
    expect(['end', 'maxTokens']).toContain(result.stopReason);
  });
});
