/**
 * The only door to node-llama-cpp (llama.cpp bindings). Everything else, the engine in electron/core included,
 * goes through here, so the native dependency can be swapped, mocked or moved to a worker in one place.
 *
 * One llama.cpp runtime per process: the native backend is heavy to initialise and owns the thread budget that
 * all contexts share, so it is a lazy singleton.
 */
import { LlamaRuntime, type LlamaRuntimeOptions } from './llama/runtime.ts';
import type { LlamaModel } from 'node-llama-cpp';
import { runtimeDefaults } from './llama/runtime-defaults.ts';

export { LlamaRuntime } from './llama/runtime.ts';
export type { EmbeddingContextOptions, GenerationContextOptions, GpuLayers, LlamaRuntimeOptions, LoadModelOptions, LoraAdapterSpec } from './llama/runtime.ts';
export { BACKEND_CHOICES, describeBackendReport, openLlama, parseBackendChoice } from './llama/backend.ts';
export type { BackendAttempt, BackendChoice, BackendReport, LlamaBackend, LlamaLoader } from './llama/backend.ts';
export { inspectGguf, type GgufInspection, type ModelRole } from './llama/gguf-inspect.ts';
export { checkGgufFile, type GgufFileSummary } from './llama/gguf-check.ts';
export { completeText, type CompleteTextOptions } from './llama/generate.ts';
export { ChatRunner, type ChatRunnerOptions, type PromptEvaluation } from './llama/chat.ts';
export { modelShapes, readGgufShapes } from './llama/adapter-shapes.ts';
export { LlamaRanker } from './llama/ranking.ts';
export { defaultThreadCount } from './llama/threads.ts';
export { loadedModelIdentity, type LoadedModelIdentity } from './llama/model-identity.ts';
// Types only: callers hold these objects but create them through LlamaRuntime.
export type { LlamaContext, LlamaEmbeddingContext, LlamaModel, Token } from 'node-llama-cpp';
// Independent GGUF parser, for tools and tests that inspect files without loading them.
export { readGgufFileInfo } from 'node-llama-cpp';

export { configureLlamaRuntime } from './llama/runtime-defaults.ts';

let runtime: Promise<LlamaRuntime> | undefined;

/**
 * The process-wide runtime, created on first call. Options only apply to that first call (later calls get the
 * existing runtime); pass per-context thread counts to the context factories instead.
 */
export function getLlamaRuntime(options?: LlamaRuntimeOptions): Promise<LlamaRuntime> {
  if (runtime === undefined) {
    const created = LlamaRuntime.create({ ...runtimeDefaults(), ...options });
    runtime = created;
    // A failed start (e.g. missing binary) must not be cached forever: the next call tries again.
    created.catch(() => {
      if (runtime === created) runtime = undefined;
    });
  }
  return runtime;
}

/**
 * Frees the runtime (all its models and contexts). For shutdown and tests; a later getLlamaRuntime starts
 * afresh, but node-llama-cpp then no longer routes llama.cpp's log through our logger (it prints to stderr),
 * so the app should only do this on exit.
 */
export async function disposeLlamaRuntime(): Promise<void> {
  const current = runtime;
  runtime = undefined;
  if (current !== undefined) await (await current.catch(() => undefined))?.dispose();
}

/** Loads a GGUF model on the shared runtime. Throws ModelError MODEL_NOT_FOUND / MODEL_INVALID / OUT_OF_MEMORY. */
export async function loadModel(path: string): Promise<LlamaModel> {
  return (await getLlamaRuntime()).loadModel(path);
}
