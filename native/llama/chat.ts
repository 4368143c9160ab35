/**
 * Chat generation on one llama.cpp context: prompts are formatted with the model's own chat template
 * (see chooseChatWrapper), counted with the model's tokenizer, and answers are streamed piece by piece.
 */
import { LlamaChat, type ChatHistoryItem, type ChatWrapper, type LlamaContext } from 'node-llama-cpp';
import { chooseChatWrapper } from './chat-wrapper.ts';
import type { ChatMessage, GenerateOptions, GenerateStream, Generation } from '../../electron/core/answer/ports.ts';

export class ChatRunner {
  private readonly wrapper: ChatWrapper;

  constructor(private readonly context: LlamaContext) {
    this.wrapper = chooseChatWrapper(context.model);
  }

  /** Name of the chat format in use (e.g. "ChatML"), for diagnostics. */
  get format(): string {
    return this.wrapper.wrapperName;
  }

  /** Tokens of `messages` exactly as generate() evaluates them, up to where the answer starts. */
  countTokens(messages: readonly ChatMessage[]): number {
    const { contextText } = this.wrapper.generateContextState({ chatHistory: toHistory(messages) });
    return contextText.tokenize(this.context.model.tokenizer).length;
  }

  /**
   * Generates an answer on a fresh sequence (no state carried over from earlier questions, so the same prompt
   * gives the same greedy answer). Aborting returns the text so far instead of throwing.
   */
  async generate(messages: readonly ChatMessage[], options: GenerateOptions, stream: GenerateStream = {}): Promise<Generation> {
    const started = performance.now();
    const promptTokens = this.countTokens(messages);
    if (stream.signal?.aborted) return { text: '', promptTokens, completionTokens: 0, firstTokenMs: undefined, decodeMs: 0, stopReason: 'aborted' };
    const chat = new LlamaChat({ contextSequence: this.context.getSequence(), chatWrapper: this.wrapper, autoDisposeSequence: true });
    let firstAt: number | undefined;
    // What llama.cpp actually evaluated before sampling the first answer token (the fresh sequence holds only the
    // prompt then): reported instead of the pre-count, so a template that renders differently cannot go unseen.
    let evaluated: number | undefined;
    try {
      const result = await chat.generateResponse(toHistory(messages), {
        maxTokens: options.maxTokens,
        temperature: options.temperature ?? 0,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        signal: stream.signal,
        stopOnAbortSignal: true,
        onToken: () => {
          evaluated ??= chat.sequence.contextTokens.length;
        },
        // Text arrives once it is valid UTF-8 (byte-fallback pieces are held until the character completes).
        onTextChunk: (text) => {
          firstAt ??= performance.now();
          stream.onToken?.(text);
        },
      });
      const reason = result.metadata.stopReason;
      // The sequence is fresh, so its meter counts exactly this answer's sampled tokens.
      const completionTokens = chat.sequence.tokenMeter.usedOutputTokens;
      return {
        text: result.response,
        promptTokens: evaluated ?? promptTokens,
        completionTokens,
        firstTokenMs: firstAt === undefined ? undefined : firstAt - started,
        decodeMs: firstAt === undefined ? 0 : performance.now() - firstAt,
        stopReason: reason === 'abort' ? 'aborted' : reason === 'maxTokens' ? 'maxTokens' : 'end',
      };
    } catch (error) {
      // An abort that lands before the first token throws signal.reason even with stopOnAbortSignal.
      if (stream.signal?.aborted) return { text: '', promptTokens, completionTokens: 0, firstTokenMs: undefined, decodeMs: 0, stopReason: 'aborted' };
      throw error;
    } finally {
      chat.dispose({ disposeSequence: true });
    }
  }
}

/** Our messages plus the empty model turn the template opens for the answer. */
function toHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  return [...messages.map((m): ChatHistoryItem => ({ type: m.role, text: m.text })), { type: 'model', response: [] }];
}
