/** Which models the engine has loaded, their adapters and context, and the compute backend in use. */
import type { Engine } from '../core/engine.ts';
import { CHAT_MODEL_KEY } from '../core/models/llama-generator-open.ts';
import type { ModelsInUse } from '../shared/api.ts';
import { SETTING_KEYS } from '../core/settings-keys.ts';

export const EMBED_MODEL_KEY = SETTING_KEYS.embedModel;

export async function modelsInUse(engine: Engine): Promise<ModelsInUse> {
  const { generator, embedder } = engine;
  return {
    chat: generator ? (engine.settings.get(CHAT_MODEL_KEY) ?? generator.modelId) : null,
    embedding: embedder ? (engine.settings.get(EMBED_MODEL_KEY) ?? embedder.modelId) : null,
    adapters: generator ? generator.adapters.map((a) => ({ path: a.path, scale: a.scale })) : [],
    contextSize: generator?.contextSize ?? null,
    backend: generator || embedder ? await activeBackend() : null,
  };
}

async function activeBackend(): Promise<string> {
  // Imported on demand: without a model the llama runtime is never loaded (a model already loaded it).
  const { getLlamaRuntime } = await import('../../native/llama.ts');
  return (await getLlamaRuntime()).backendReport.active;
}
