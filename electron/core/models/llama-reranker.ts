import { basename } from 'node:path';
import { getLlamaRuntime, LlamaRanker, type LlamaModel } from '../../../native/llama.ts';
import type { Ranker } from '../answer/ports.ts';

export interface LlamaRerankerOptions {
  readonly threads?: number;
  readonly contextSize?: number;
}

/** Ranker port over a GGUF reranker (cross-encoder) model. */
export class LlamaReranker implements Ranker {
  private constructor(
    readonly modelId: string,
    private readonly model: LlamaModel,
    private readonly ranker: LlamaRanker,
  ) {}

  /** Throws ModelError: MODEL_NOT_FOUND, MODEL_INVALID (also for a model that cannot rank), OUT_OF_MEMORY. */
  static async load(modelPath: string, options: LlamaRerankerOptions = {}): Promise<LlamaReranker> {
    const runtime = await getLlamaRuntime();
    const model = await runtime.loadModel(modelPath);
    try {
      const ranker = await LlamaRanker.create(model, modelPath, {
        threads: options.threads ?? runtime.threads,
        ...(options.contextSize !== undefined ? { contextSize: options.contextSize } : {}),
      });
      return new LlamaReranker(basename(modelPath), model, ranker);
    } catch (error) {
      await model.dispose();
      throw error;
    }
  }

  rank(query: string, texts: readonly string[]): Promise<number[]> {
    return this.ranker.rankAll(query, texts);
  }

  async dispose(): Promise<void> {
    await this.ranker.dispose();
    await this.model.dispose();
  }
}
