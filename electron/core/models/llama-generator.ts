import { basename } from 'node:path';
import {
  ChatRunner,
  checkGgufFile,
  getLlamaRuntime,
  modelShapes,
  readGgufShapes,
  type LlamaContext,
  type LlamaModel,
  type LlamaRuntime,
  type LoraAdapterSpec,
  type PromptEvaluation,
} from '../../../native/llama.ts';
import type { AdapterInUse, ChatMessage, GenerateOptions, GenerateStream, Generation, Generator } from '../answer/ports.ts';
import { checkAdapterFits } from './adapter-check.ts';

/** A context with its adapters: what setAdapters replaces. */
interface LoadedContext {
  readonly context: LlamaContext;
  readonly runner: ChatRunner;
  readonly adapters: AdapterInUse[];
}

export interface LlamaGeneratorOptions {
  /** Compute threads. Default: the runtime's. */
  readonly threads?: number;
  /** Prompt + answer tokens. Default: the model's training context, at most 4096. */
  readonly contextSize?: number;
  readonly adapters?: readonly LoraAdapterSpec[];
  /**
   * Keep the KV cache of the last prompt and evaluate only what a new prompt changes after their common prefix
   * (the system prompt at least). Default true; false evaluates every prompt whole (for before/after benchmarks).
   */
  readonly reusePrefix?: boolean;
}

/**
 * Generator over a GGUF chat model run by llama.cpp. LoRA adapters live on the context, not the model, so
 * setAdapters swaps them by building a new context over the same loaded weights (milliseconds for the KV cache
 * instead of re-reading gigabytes). Every adapter is checked against the model's header shapes first. Each
 * context keeps one sequence from answer to answer, so a prompt's common prefix with the last one (the system
 * prompt, often the first source of a follow-up) comes from the KV cache instead of being evaluated again.
 */
export class LlamaGenerator implements Generator {
  readonly modelId: string;
  private current: LoadedContext;
  /** Generation and adapter switches run one at a time: a context must not be disposed mid-answer. */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  private constructor(
    private readonly runtime: LlamaRuntime,
    private readonly model: LlamaModel,
    private readonly modelPath: string,
    private readonly options: LlamaGeneratorOptions,
    first: LoadedContext,
    /** False for a generator made by withAdapters: the weights belong to the generator it came from. */
    private readonly ownsModel = true,
  ) {
    this.modelId = basename(modelPath);
    this.current = first;
  }

  /** Throws ModelError (MODEL_NOT_FOUND, MODEL_INVALID, ADAPTER_MISMATCH, OUT_OF_MEMORY). */
  static async load(modelPath: string, options: LlamaGeneratorOptions = {}): Promise<LlamaGenerator> {
    const runtime = await getLlamaRuntime();
    const model = await runtime.loadModel(modelPath);
    try {
      const first = await openContext(runtime, model, modelPath, options, options.adapters ?? []);
      return new LlamaGenerator(runtime, model, modelPath, options, first);
    } catch (error) {
      await model.dispose();
      throw error;
    }
  }

  get contextSize(): number {
    return this.current.context.contextSize;
  }

  get adapters(): readonly AdapterInUse[] {
    return this.current.adapters;
  }

  /** How prompts are laid out (node-llama-cpp's wrapper name, e.g. "Qwen" or "JinjaTemplate" for the model's own template). */
  get chatFormat(): string {
    return this.current.runner.format;
  }

  /** How the last answer's prompt was evaluated: its tokens, and how many were not already in the KV cache. */
  get lastPrompt(): PromptEvaluation | undefined {
    return this.current.runner.lastPrompt;
  }

  /** The loaded base weights: the same object before and after setAdapters. */
  get baseModel(): LlamaModel {
    return this.model;
  }

  /** Replaces the adapters (empty: none). On failure the previous adapters stay in use. */
  setAdapters(adapters: readonly LoraAdapterSpec[]): Promise<void> {
    return this.serial(async () => {
      const next = await openContext(this.runtime, this.model, this.modelPath, this.options, adapters);
      const previous = this.current;
      this.current = next;
      await previous.runner.dispose();
      await previous.context.dispose();
    });
  }

  /**
   * Another generator over the same loaded weights with other adapters (its own context), for answering with
   * two configurations side by side. Disposing it leaves the weights loaded; dispose it before this one.
   * Throws ModelError (ADAPTER_MISMATCH, …) before any context is made when an adapter does not fit.
   */
  async withAdapters(adapters: readonly LoraAdapterSpec[]): Promise<LlamaGenerator> {
    if (this.disposed) throw new Error('LlamaGenerator is disposed');
    const context = await openContext(this.runtime, this.model, this.modelPath, this.options, adapters);
    return new LlamaGenerator(this.runtime, this.model, this.modelPath, this.options, context, false);
  }

  countPromptTokens(messages: readonly ChatMessage[]): number {
    return this.current.runner.countTokens(messages);
  }

  generate(messages: readonly ChatMessage[], options: GenerateOptions, stream?: GenerateStream): Promise<Generation> {
    return this.serial(() => this.current.runner.generate(messages, options, stream));
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.queue.catch(() => undefined);
    await this.current.runner.dispose();
    await this.current.context.dispose();
    if (this.ownsModel) await this.model.dispose();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new Error('LlamaGenerator is disposed'));
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

async function openContext(
  runtime: LlamaRuntime,
  model: LlamaModel,
  modelPath: string,
  options: LlamaGeneratorOptions,
  adapters: readonly LoraAdapterSpec[],
): Promise<LoadedContext> {
  if (adapters.length > 0) {
    const base = modelShapes(modelPath, model);
    for (const adapter of adapters) {
      // Missing, damaged or not an adapter: MODEL_NOT_FOUND / MODEL_INVALID before its shapes are read.
      await checkGgufFile(adapter.path, 'adapter');
      checkAdapterFits(base, await readGgufShapes(adapter.path));
    }
  }
  const context = await runtime.createContext(model, {
    ...(options.contextSize !== undefined ? { contextSize: options.contextSize } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    lora: adapters,
  });
  return { context, runner: new ChatRunner(context, { reusePrefix: options.reusePrefix ?? true }), adapters: adapters.map((a) => ({ path: a.path, scale: a.scale ?? 1 })) };
}

