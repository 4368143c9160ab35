/**
 * Picks how prompts are laid out for a chat model. node-llama-cpp's resolveChatWrapper prefers its specialised
 * wrappers (they understand e.g. Qwen3's thinking segments), but some lay a conversation out differently from
 * the model's own `tokenizer.chat_template`: its Gemma wrapper joins the system prompt to the first user turn
 * with "\n\n---\n\n" where Gemma 3's template uses "\n\n", and its ChatML wrapper starts with a BOS token that
 * Qwen2.5's template never writes. Such prompts are out of the model's training distribution. So the template
 * itself is rendered (with @huggingface/jinja, which provides raise_exception like transformers does) for a probe of the
 * conversation shape Trove sends, and the first wrapper whose tokens match it exactly is used: the specialised
 * one, else node-llama-cpp's Jinja wrapper, else (neither matches, or the template cannot be rendered) the
 * specialised one after all.
 */
import { Template } from '@huggingface/jinja';
import { resolveChatWrapper, type ChatHistoryItem, type ChatWrapper, type LlamaModel, type Token } from 'node-llama-cpp';

/**
 * Trove's conversation shape: ChatMessage roles are system and user only (follow-ups are rewritten into
 * standalone questions), followed by the opened answer turn.
 */
const PROBE = {
  system: 'Answer from the sources.',
  user: 'Sources:\n\n[1] notes.md\nThree tasks.\n\nQuestion: Which one is first?',
};

export function chooseChatWrapper(model: LlamaModel): ChatWrapper {
  const auto = resolveChatWrapper(model);
  const reference = referenceTokens(model);
  if (reference === undefined || sameTokens(wrapperTokens(model, auto), reference)) return auto;
  try {
    const own = resolveChatWrapper(model, { type: 'jinjaTemplate', fallbackToOtherWrappersOnJinjaError: false, warningLogs: false });
    if (sameTokens(wrapperTokens(model, own), reference)) return own;
  } catch {
    // node-llama-cpp's Jinja wrapper cannot run this template: keep the specialised wrapper.
  }
  return auto;
}

/** The probe as the model's own chat template lays it out, tokenized; undefined without a usable template. */
function referenceTokens(model: LlamaModel): readonly Token[] | undefined {
  const tokenizer = (
    model.fileInfo.metadata as {
      tokenizer?: { chat_template?: unknown; ggml?: { tokens?: unknown; bos_token_id?: unknown; eos_token_id?: unknown; add_bos_token?: unknown } };
    }
  ).tokenizer;
  const template = tokenizer?.chat_template;
  if (typeof template !== 'string') return undefined;
  const tokens = Array.isArray(tokenizer?.ggml?.tokens) ? (tokenizer.ggml.tokens as unknown[]) : [];
  const text = (id: unknown): string => (typeof id === 'number' && typeof tokens[id] === 'string' ? (tokens[id] as string) : '');
  try {
    const rendered = new Template(template).render({
      messages: [
        { role: 'system', content: PROBE.system },
        { role: 'user', content: PROBE.user },
      ],
      add_generation_prompt: true,
      bos_token: text(tokenizer?.ggml?.bos_token_id),
      eos_token: text(tokenizer?.ggml?.eos_token_id),
    });
    const ids = model.tokenize(rendered, true);
    // As llama.cpp's own chat path does: BOS first when the vocabulary asks for it and the template did not write it.
    const bos = model.tokens.bos;
    return tokenizer?.ggml?.add_bos_token === true && bos !== null && ids[0] !== bos ? [bos, ...ids] : ids;
  } catch {
    return undefined;
  }
}

function wrapperTokens(model: LlamaModel, wrapper: ChatWrapper): readonly Token[] | undefined {
  const history: ChatHistoryItem[] = [
    { type: 'system', text: PROBE.system },
    { type: 'user', text: PROBE.user },
    { type: 'model', response: [] },
  ];
  try {
    return wrapper.generateContextState({ chatHistory: history }).contextText.tokenize(model.tokenizer);
  } catch {
    return undefined;
  }
}

function sameTokens(a: readonly Token[] | undefined, b: readonly Token[]): boolean {
  return a !== undefined && a.length === b.length && a.every((t, i) => t === b[i]);
}
