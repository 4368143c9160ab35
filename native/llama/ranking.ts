/**
 * Cross-encoder reranking through node-llama-cpp's ranking context. It accepts only models with a
 * classification head (a `cls.weight` or `cls.output.weight` tensor, as rerankers such as bge-reranker and
 * Qwen3-Reranker have); anything else is refused with MODEL_INVALID before a context is made.
 */
import { basename } from 'node:path';
import type { LlamaModel, LlamaRankingContext } from 'node-llama-cpp';
import { ModelError } from '../../electron/core/errors.ts';

export class LlamaRanker {
  private constructor(private readonly context: LlamaRankingContext) {}

  /** `path` only names the file in errors. */
  static async create(model: LlamaModel, path: string, options: { readonly threads: number; readonly contextSize?: number }): Promise<LlamaRanker> {
    if (!model.fileInsights.supportsRanking) {
      throw new ModelError('MODEL_INVALID', path, `Model ${basename(path)} is not a reranker (it has no classification head).`);
    }
    try {
      const context = await model.createRankingContext({
        contextSize: options.contextSize ?? Math.min(model.trainContextSize, 4096),
        threads: options.threads,
      });
      return new LlamaRanker(context);
    } catch (error) {
      throw new ModelError('MODEL_INVALID', path, `Could not create a ranking context for ${basename(path)}: ${String((error as Error)?.message ?? error).split('\n')[0]}.`, { cause: error });
    }
  }

  /** Probability-like scores (0–1), one per document. */
  rankAll(query: string, documents: readonly string[]): Promise<number[]> {
    return this.context.rankAll(query, [...documents]);
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
  }
}
