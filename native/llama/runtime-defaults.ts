/**
 * Options for when the llama runtime gets created, set up front (e.g. the CLI's --backend, --gpu-layers) so
 * code deep in the engine that just calls getLlamaRuntime() starts it as the user asked. A module of its own so
 * setting them does not load node-llama-cpp (native/llama.ts reads them when the runtime is first created).
 */
import type { LlamaRuntimeOptions } from './runtime.ts';

let defaults: LlamaRuntimeOptions = {};

/** Options passed to the first getLlamaRuntime call win over these. */
export function configureLlamaRuntime(options: LlamaRuntimeOptions): void {
  defaults = options;
}

export function runtimeDefaults(): LlamaRuntimeOptions {
  return defaults;
}
