/**
 * The parts of the llama door (native/llama.ts) that do not load node-llama-cpp when imported: the runtime's
 * options and backend choice, for the CLI to parse before any model work, and GGUF inspection, which loads the
 * header parser on its first call. Importing native/llama.ts loads node-llama-cpp (~0.7 s), so code on the
 * start-up path of a command imports this instead.
 */
export { configureLlamaRuntime } from './llama/runtime-defaults.ts';
export { BACKEND_CHOICES, parseBackendChoice, type BackendChoice, type LlamaBackend } from './llama/backend-choice.ts';
export type { GpuLayers, LlamaRuntimeOptions } from './llama/runtime.ts';
export { inspectGguf, type GgufInspection, type ModelRole } from './llama/gguf-inspect.ts';
export { checkGgufFile, type GgufFileSummary } from './llama/gguf-check.ts';
export { readGgufShapes } from './llama/adapter-shapes.ts';
