import { LlamaCompletion, type LlamaContext } from 'node-llama-cpp';

export interface CompleteTextOptions {
  readonly maxTokens: number;
  /** 0 (default) = greedy: always the most likely token, so output is reproducible. */
  readonly temperature?: number;
  readonly seed?: number;
}

/**
 * Plain text continuation of `prompt` (no chat template) on a fresh sequence of `context`, released afterwards
 * so the context can be reused. Repeat penalties are off: with temperature 0 this is pure greedy decoding,
 * which tests compare token for token.
 */
export async function completeText(context: LlamaContext, prompt: string, options: CompleteTextOptions): Promise<string> {
  const completion = new LlamaCompletion({ contextSequence: context.getSequence(), autoDisposeSequence: true });
  try {
    return await completion.generateCompletion(prompt, {
      maxTokens: options.maxTokens,
      temperature: options.temperature ?? 0,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      repeatPenalty: false,
    });
  } finally {
    completion.dispose({ disposeSequence: true });
  }
}
