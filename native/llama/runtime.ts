import { basename } from 'node:path';
import { InsufficientMemoryError, LlamaLogLevel, type Llama, type LlamaContext, type LlamaEmbeddingContext, type LlamaModel } from 'node-llama-cpp';
import { ModelError } from '../../electron/core/errors.ts';
import { openLlama, type BackendChoice, type BackendReport, type LlamaBackend, type LlamaLoader } from './backend.ts';
import { checkGgufFile } from './gguf-check.ts';
import { LlamaLogBuffer } from './log-buffer.ts';
import { defaultThreadCount } from './threads.ts';

export interface LlamaRuntimeOptions {
  /** Compute threads per context and the cap shared by all contexts. Default: defaultThreadCount(). */
  readonly threads?: number;
  /** Receives llama.cpp warnings and errors (by default they are kept only to explain failures). */
  readonly onLog?: (level: 'fatal' | 'error' | 'warn', message: string) => void;
  /** Compute backend; 'auto' (default) = the best GPU that initialises, else the CPU. See openLlama. */
  readonly backend?: BackendChoice;
  /** Default layers to offload to the GPU: 'auto' (default) fits what VRAM allows; ignored on the CPU. */
  readonly gpuLayers?: GpuLayers;
  /** Replaces node-llama-cpp's loader; for tests that simulate failing backends. */
  readonly loader?: LlamaLoader;
}

/** Layers to offload to the GPU: a count, 'auto' (as many as fit in free VRAM) or 'max' (all, or fail). */
export type GpuLayers = number | 'auto' | 'max';

export interface LoadModelOptions {
  /** Overrides the runtime's gpuLayers for this model. */
  readonly gpuLayers?: GpuLayers;
}

export interface EmbeddingContextOptions {
  /** Tokens per input. Default: the model's training context, at most 4096. */
  readonly contextSize?: number;
  /** Tokens per evaluation batch. Default: contextSize, so pooled (non-causal) models see each input whole. */
  readonly batchSize?: number;
  readonly threads?: number;
}

export interface LoraAdapterSpec {
  readonly path: string;
  /** Multiplier of the adapter's update (llama.cpp applies scale·alpha/rank). Default 1. */
  readonly scale?: number;
}

export interface GenerationContextOptions {
  /** Default: the model's training context, at most 4096. */
  readonly contextSize?: number;
  readonly batchSize?: number;
  readonly threads?: number;
  readonly lora?: readonly LoraAdapterSpec[];
}

/**
 * The process-wide llama.cpp instance (see getLlamaRuntime). Wraps node-llama-cpp's loaders so every failure
 * surfaces as a ModelError with a code the UI can act on, and so thread counts are always explicit.
 */
export class LlamaRuntime {
  /** Paths of loaded models, for error messages (node-llama-cpp only keeps the base name public). */
  private readonly paths = new WeakMap<LlamaModel, string>();

  private constructor(
    private readonly llama: Llama,
    /** Which backend is active and why the others were skipped. */
    readonly backendReport: BackendReport,
    readonly threads: number,
    /** The layers to offload to the GPU, as configured (models on the CPU backend always get 0). */
    readonly gpuLayers: GpuLayers,
    private readonly log: LlamaLogBuffer,
  ) {}

  /** The active compute backend. */
  get backend(): LlamaBackend {
    return this.backendReport.active;
  }

  static async create(options: LlamaRuntimeOptions = {}): Promise<LlamaRuntime> {
    const threads = options.threads ?? defaultThreadCount();
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
    const log = new LlamaLogBuffer();
    const gpuLayers = options.gpuLayers ?? 'auto';
    if (typeof gpuLayers === 'number' && (!Number.isInteger(gpuLayers) || gpuLayers < 0)) {
      throw new RangeError(`gpuLayers must be a whole number >= 0, 'auto' or 'max', got ${gpuLayers}`);
    }
    const { llama, report } = await openLlama({
      threads,
      ...(options.backend !== undefined ? { backend: options.backend } : {}),
      ...(options.loader !== undefined ? { loader: options.loader } : {}),
      onLog: (level, message) => {
        if (level !== LlamaLogLevel.error && level !== LlamaLogLevel.fatal && level !== LlamaLogLevel.warn) return;
        log.push(level, message);
        options.onLog?.(level, message);
      },
    });
    return new LlamaRuntime(llama, report, threads, gpuLayers, log);
  }

  /** Loads a GGUF model after checking the file itself (see checkGgufFile). */
  async loadModel(path: string, options: LoadModelOptions = {}): Promise<LlamaModel> {
    await checkGgufFile(path, 'model');
    const mark = this.log.mark();
    try {
      // On the CPU there is nothing to offload; 0 also keeps node-llama-cpp from estimating VRAM it lacks.
      const gpuLayers = this.backend === 'cpu' ? 0 : (options.gpuLayers ?? this.gpuLayers);
      const model = await this.llama.loadModel({ modelPath: path, gpuLayers });
      this.paths.set(model, path);
      return model;
    } catch (error) {
      throw this.toModelError(error, path, 'MODEL_INVALID', `Model file ${basename(path)} could not be loaded`, mark);
    }
  }

  async createEmbeddingContext(model: LlamaModel, options: EmbeddingContextOptions = {}): Promise<LlamaEmbeddingContext> {
    const contextSize = options.contextSize ?? Math.min(model.trainContextSize, 4096);
    const mark = this.log.mark();
    try {
      return await model.createEmbeddingContext({
        contextSize,
        batchSize: options.batchSize ?? contextSize,
        // node-llama-cpp's embedding context defaults to 6 threads regardless of the machine.
        threads: options.threads ?? this.threads,
      });
    } catch (error) {
      throw this.toModelError(error, this.pathOf(model), 'MODEL_INVALID', 'Could not create an embedding context', mark);
    }
  }

  /** A context for text generation, optionally with LoRA adapters applied. */
  async createContext(model: LlamaModel, options: GenerationContextOptions = {}): Promise<LlamaContext> {
    const adapters = options.lora ?? [];
    for (const adapter of adapters) await checkGgufFile(adapter.path, 'adapter');
    const mark = this.log.mark();
    try {
      return await model.createContext({
        contextSize: options.contextSize ?? Math.min(model.trainContextSize, 4096),
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        threads: options.threads ?? this.threads,
        ...(adapters.length > 0 ? { lora: { adapters: adapters.map((a) => ({ filePath: a.path, scale: a.scale ?? 1 })) } } : {}),
      });
    } catch (error) {
      // node-llama-cpp: 'Failed to initialize LoRA adapter "<path>"'; llama.cpp logs the actual reason
      // (wrong architecture, tensor missing from the base model, or a shape that does not match it).
      const message = String((error as Error)?.message ?? error);
      const adapter = adapters.find((a) => message.includes(a.path)) ?? (/lora/i.test(message) ? adapters[0] : undefined);
      if (adapter !== undefined) {
        const reason = this.log.reasonSince(mark) ?? message;
        throw new ModelError('ADAPTER_MISMATCH', adapter.path, `LoRA adapter ${basename(adapter.path)} does not fit model ${basename(this.pathOf(model))}: ${reason}.`, { cause: error });
      }
      throw this.toModelError(error, this.pathOf(model), 'MODEL_INVALID', 'Could not create a context', mark);
    }
  }

  private pathOf(model: LlamaModel): string {
    return this.paths.get(model) ?? model.filename ?? '';
  }

  async dispose(): Promise<void> {
    await this.llama.dispose();
  }

  private toModelError(error: unknown, path: string, code: 'MODEL_INVALID', what: string, mark: number): ModelError {
    if (error instanceof ModelError) return error;
    const reason = this.log.reasonSince(mark) ?? String((error as Error)?.message ?? error);
    // node-llama-cpp's own estimate says InsufficientMemoryError; past it, llama.cpp's allocation fails as bad_alloc.
    if (error instanceof InsufficientMemoryError || /bad_alloc|out of memory|failed to allocate|unable to allocate/i.test(reason)) {
      return new ModelError('OUT_OF_MEMORY', path, `${what}: not enough memory (${reason}).`, { cause: error });
    }
    return new ModelError(code, path, `${what}: ${reason}.`, { cause: error });
  }
}
