/**
 * The generator for one side of a comparison: the engine's chat model with other adapters (a second context over
 * the same loaded weights), or another chat model loaded for the comparison. Adapters are checked against the
 * model before any context is made, so a misfit fails before anything is answered or written.
 */
import type { Generator } from '../answer/ports.ts';
import { TroveError } from '../errors.ts';
import type { CompareConfiguration } from '../feedback/compare-configuration.ts';

export interface ConfiguredGenerator {
  readonly generator: Generator;
  /** Frees what was made for the comparison (never the engine's own generator). */
  release(): Promise<void>;
}

export type ConfigureGenerator = (configuration: CompareConfiguration, current: Generator | undefined) => Promise<ConfiguredGenerator>;

export const configureGenerator: ConfigureGenerator = async (configuration, current) => {
  const { LlamaGenerator } = await import('./llama-generator.ts');
  if (configuration.model !== undefined) {
    const generator = await LlamaGenerator.load(configuration.model, { adapters: configuration.adapters ?? [] });
    return { generator, release: () => generator.dispose() };
  }
  if (!current) throw new TroveError('INVALID_ARGUMENT', `Comparing "${configuration.label}" needs a chat model: pass --model <file.gguf> (or name one with model=FILE).`);
  if (configuration.adapters === undefined) return { generator: current, release: async () => undefined };
  if (!(current instanceof LlamaGenerator)) throw new TroveError('INVALID_ARGUMENT', `The chat model ${current.modelId} cannot switch adapters.`);
  const generator = await current.withAdapters(configuration.adapters);
  return { generator, release: () => generator.dispose() };
};
