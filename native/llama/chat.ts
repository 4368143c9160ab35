/**
 * Chat generation on one llama.cpp context: prompts are formatted with the model's own chat template
 * (see chooseChatWrapper), counted with the model's tokenizer, and answers are streamed piece by piece.
 *
 * The context's sequence is kept from one answer to the next, so what the KV cache already holds is not
 * evaluated again: node-llama-cpp's LlamaChat compares the new prompt's tokens with the sequence's and erases
 * only from the first difference (LlamaContextSequence.adaptStateToTokens). Every grounded prompt starts with
 * the same system prompt, and a follow-up often retrieves the same first source, so that prefix is evaluated
 * once per context rather than once per question.
 */
import { LlamaChat, type ChatHistoryItem, type ChatWrapper, type LlamaContext, type LlamaContextSequence } from 'node-llama-cpp';
import { chooseChatWrapper } from './chat-wrapper.ts';
import type { ChatMessage, GenerateOptions, GenerateStream, Generation } from '../../electron/core/answer/ports.ts';

export interface ChatRunnerOptions {
  /**
   * Keep the sequence (and its KV cache) between answers and evaluate only what differs from the last prompt.
   * Default true; false takes a fresh sequence per answer (every prompt evaluated whole), for before/after
   * measurements.
   */
  readonly reusePrefix?: boolean;
}

/** How the last answer's prompt was evaluated. */
export interface PromptEvaluation {
  /** Tokens of the prompt, up to where the answer starts. */
  readonly promptTokens: number;
  /** Of those, tokens llama.cpp evaluated for this answer; the rest came from the KV cache. */
  readonly evaluatedTokens: number;
}

export class ChatRunner {
  private readonly wrapper: ChatWrapper;
  private readonly reusePrefix: boolean;
  /** The kept sequence (reusePrefix), created on the first answer. */
  private sequence: LlamaContextSequence | undefined;
  private last: PromptEvaluation | undefined;

  constructor(
    private readonly context: LlamaContext,
    options: ChatRunnerOptions = {},
  ) {
    this.wrapper = chooseChatWrapper(context.model);
    this.reusePrefix = options.reusePrefix ?? true;
  }

  /** Name of the chat format in use (e.g. "ChatML"), for diagnostics. */
  get format(): string {
    return this.wrapper.wrapperName;
  }

  /** How the last generated answer's prompt was evaluated; undefined before any, or when nothing was evaluated. */
  get lastPrompt(): PromptEvaluation | undefined {
    return this.last;
  }

  /** Tokens of `messages` exactly as generate() evaluates them, up to where the answer starts. */
  countTokens(messages: readonly ChatMessage[]): number {
    const { contextText } = this.wrapper.generateContextState({ chatHistory: toHistory(messages) });
    return contextText.tokenize(this.context.model.tokenizer).length;
  }

  /**
   * Generates an answer. Nothing but the KV cache of the common prompt prefix is carried over from earlier
   * answers (no conversation state), so the same prompt gives the same greedy answer. Aborting returns the text
   * so far instead of throwing. Calls must not overlap (LlamaGenerator queues them).
   */
  async generate(messages: readonly ChatMessage[], options: GenerateOptions, stream: GenerateStream = {}): Promise<Generation> {
    const started = performance.now();
    const promptTokens = this.countTokens(messages);
    this.last = undefined;
    if (stream.signal?.aborted) return { text: '', promptTokens, completionTokens: 0, firstTokenMs: undefined, decodeMs: 0, stopReason: 'aborted' };
    const sequence = this.reusePrefix ? (this.sequence ??= this.context.getSequence()) : this.context.getSequence();
    const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: this.wrapper, autoDisposeSequence: false });
    const meterAtStart = { input: sequence.tokenMeter.usedInputTokens, output: sequence.tokenMeter.usedOutputTokens };
    let firstAt: number | undefined;
    let evaluation: PromptEvaluation | undefined;
    let failed = false;
    try {
      const result = await chat.generateResponse(toHistory(messages), {
        maxTokens: options.maxTokens,
        temperature: options.temperature ?? 0,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        signal: stream.signal,
        stopOnAbortSignal: true,
        onToken: () => {
          // What llama.cpp holds for the prompt before sampling the first answer token (kept prefix + evaluated
          // rest): reported instead of the pre-count, so a template that renders differently cannot go unseen.
          // The meter counts the prompt's last token, whose logits give this first answer token, as output.
          evaluation ??= { promptTokens: sequence.contextTokens.length, evaluatedTokens: sequence.tokenMeter.usedInputTokens - meterAtStart.input + 1 };
        },
        // Text arrives once it is valid UTF-8 (byte-fallback pieces are held until the character completes).
        onTextChunk: (text) => {
          firstAt ??= performance.now();
          stream.onToken?.(text);
        },
      });
      const reason = result.metadata.stopReason;
      return {
        text: result.response,
        promptTokens: evaluation?.promptTokens ?? promptTokens,
        completionTokens: sequence.tokenMeter.usedOutputTokens - meterAtStart.output,
        firstTokenMs: firstAt === undefined ? undefined : firstAt - started,
        decodeMs: firstAt === undefined ? 0 : performance.now() - firstAt,
        stopReason: reason === 'abort' ? 'aborted' : reason === 'maxTokens' ? 'maxTokens' : 'end',
      };
    } catch (error) {
      failed = true;
      // An abort that lands before the first token throws signal.reason even with stopOnAbortSignal.
      if (stream.signal?.aborted) return { text: '', promptTokens, completionTokens: 0, firstTokenMs: undefined, decodeMs: 0, stopReason: 'aborted' };
      throw error;
    } finally {
      this.last = evaluation;
      chat.dispose({ disposeSequence: false });
      // A failed evaluation may leave the cache out of step with the sequence's token list: start afresh next time.
      if (!this.reusePrefix || failed) {
        if (sequence === this.sequence) this.sequence = undefined;
        if (!sequence.disposed) await sequence.dispose();
      }
    }
  }

  /** Releases the kept sequence (the context stays the caller's). */
  async dispose(): Promise<void> {
    const sequence = this.sequence;
    this.sequence = undefined;
    if (sequence !== undefined && !sequence.disposed) await sequence.dispose();
  }
}

/** Our messages plus the empty model turn the template opens for the answer. */
function toHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  return [...messages.map((m): ChatHistoryItem => ({ type: m.role, text: m.text })), { type: 'model', response: [] }];
}
