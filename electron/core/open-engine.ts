/**
 * Wires a real engine for a data directory: the SQLite store on disk and, when one is configured, the
 * embedding model. The model path is remembered in the index so later runs (and the app) use the same one.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATABASE_FILE, ensureWritableDataDir } from './data-dir.ts';
import { Engine, type EngineDeps } from './engine.ts';
import type { AnswerModelOptions, AnswerModels } from './models/llama-generator-open.ts';
import { folderListPath } from './store/sqlite/folder-list-file.ts';
import { Store } from './store/sqlite/store.ts';
import type { Embedder } from './types.ts';

export interface OpenEngineOptions {
  readonly dataDir: string;
  /** Use (and remember) this embedding model. */
  readonly embedModelPath?: string;
  /** Load the remembered embedding model, if any. Status-only commands skip it to start fast. */
  readonly loadEmbedder?: boolean;
  readonly threads?: number;
  /** Load the chat model (and reranker) for `ask`: the given ones, else the remembered ones. */
  readonly answerModels?: AnswerModelOptions;
  readonly overrides?: Omit<EngineDeps, 'store' | 'embedder' | 'notices'>;
}

const EMBED_MODEL_KEY = 'embed_model';

export async function openEngine(options: OpenEngineOptions): Promise<Engine> {
  await ensureWritableDataDir(options.dataDir);
  const store = Store.open(join(options.dataDir, DATABASE_FILE));
  // Indexes made before folders.json existed get one now, so `trove rebuild` can always find the folders.
  if (!existsSync(folderListPath(store.file))) store.saveFolderList();
  const notices: string[] = [];
  let embedder: Embedder | undefined;
  try {
    const modelPath = options.embedModelPath ? resolve(options.embedModelPath) : store.meta.get(EMBED_MODEL_KEY);
    if (modelPath && (options.embedModelPath || options.loadEmbedder)) {
      if (!options.embedModelPath && !existsSync(modelPath)) {
        notices.push(`The embedding model ${modelPath} is missing: searching with BM25 only.`);
      } else {
        embedder = await loadEmbedder(modelPath, options.threads);
        store.meta.set(EMBED_MODEL_KEY, modelPath);
      }
    }
  } catch (error) {
    store.dispose();
    throw error;
  }
  let answerModels: AnswerModels = {};
  if (options.answerModels) {
    try {
      // Imported on demand, like the embedder: commands that answer nothing skip reading model files' headers.
      const { openAnswerModels } = await import('./models/llama-generator-open.ts');
      answerModels = await openAnswerModels(store.meta, { threads: options.threads, ...options.answerModels }, notices);
    } catch (error) {
      await embedder?.dispose();
      store.dispose();
      throw error;
    }
  }
  return new Engine({ ...options.overrides, store, embedder, notices, ...answerModels });
}

async function loadEmbedder(modelPath: string, threads?: number): Promise<Embedder> {
  // Imported on demand: loading the llama runtime costs time that BM25-only commands should not pay.
  const { LlamaEmbedder } = await import('./models/llama-embedder.ts');
  return LlamaEmbedder.load(modelPath, { threads });
}
