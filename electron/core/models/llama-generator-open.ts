/**
 * Loads the models `ask` uses for a data directory: the chat model (with LoRA adapters) and an optional
 * reranker. Like the embedding model, each path is remembered in the index meta table, so later runs and the
 * desktop app use the same models without being told again. Adapters are per question and not remembered.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Generator, Ranker } from '../answer/ports.ts';
import type { MetaTable } from '../store/sqlite/meta-table.ts';
import type { LoraAdapterSpec } from '../../../native/llama.ts';
import { SETTING_KEYS } from '../settings-keys.ts';

export const CHAT_MODEL_KEY = SETTING_KEYS.chatModel;
export const RERANK_MODEL_KEY = SETTING_KEYS.rerankModel;

export interface AnswerModelOptions {
  /** Use (and remember) this chat model. */
  readonly chatModelPath?: string;
  readonly adapters?: readonly LoraAdapterSpec[];
  /** Use (and remember) this reranker. */
  readonly rerankModelPath?: string;
  readonly threads?: number;
}

export interface AnswerModels {
  readonly generator?: Generator;
  readonly ranker?: Ranker;
}

export async function openAnswerModels(meta: Pick<MetaTable, 'get' | 'set'>, options: AnswerModelOptions, notices: string[]): Promise<AnswerModels> {
  const chatPath = remembered(meta, CHAT_MODEL_KEY, options.chatModelPath, 'chat model', notices);
  const rerankPath = remembered(meta, RERANK_MODEL_KEY, options.rerankModelPath, 'reranker', notices);
  // Imported on demand: commands that never answer should not pay for the llama runtime.
  let generator: Generator | undefined;
  if (chatPath) {
    const { LlamaGenerator } = await import('./llama-generator.ts');
    generator = await LlamaGenerator.load(chatPath, { threads: options.threads, adapters: (options.adapters ?? []).map((a) => ({ ...a, path: resolve(a.path) })) });
  } else if (options.adapters && options.adapters.length > 0) {
    notices.push('LoRA adapters need a chat model (--model <file.gguf>): adapters ignored.');
  }
  let ranker: Ranker | undefined;
  if (rerankPath) {
    try {
      const { LlamaReranker } = await import('./llama-reranker.ts');
      ranker = await LlamaReranker.load(rerankPath, { threads: options.threads });
    } catch (error) {
      await generator?.dispose();
      throw error;
    }
  }
  // Remembered only once everything loaded: a command that failed changes nothing for the next one.
  if (chatPath) meta.set(CHAT_MODEL_KEY, chatPath);
  if (rerankPath) meta.set(RERANK_MODEL_KEY, rerankPath);
  return { generator, ranker };
}

/** The model path to use: the one given, else the remembered one if its file still exists. */
function remembered(meta: Pick<MetaTable, 'get'>, key: string, given: string | undefined, what: string, notices: string[]): string | undefined {
  if (given) return resolve(given);
  const stored = meta.get(key);
  if (!stored) return undefined;
  if (existsSync(stored)) return stored;
  notices.push(`The ${what} ${stored} is missing.`);
  return undefined;
}
