/**
 * Wires a real engine for a data directory: the SQLite store on disk and, when one is configured, the
 * embedding model. The model path is remembered in the index so later runs (and the app) use the same one.
 * With a shared store (`postgres://…`), indexing and search go to that database and the local file keeps
 * only what stays on this machine (audit log, conversations, feedback, remembered models).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATABASE_FILE, ensureWritableDataDir } from './data-dir.ts';
import { Engine, type EngineDeps } from './engine.ts';
import { SharedIndexError, TroveError } from './errors.ts';
import type { AnswerModelOptions, AnswerModels } from './models/llama-generator-open.ts';
import { folderListPath } from './store/sqlite/folder-list-file.ts';
import { Store } from './store/sqlite/store.ts';
import { openSharedIndex } from './shared-store.ts';
import type { SharedIndex } from './ports.ts';
import type { Embedder } from './types.ts';
import { SETTING_KEYS } from './settings-keys.ts';

export interface OpenEngineOptions {
  readonly dataDir: string;
  /** Use (and remember) this embedding model. */
  readonly embedModelPath?: string;
  /** Load the remembered embedding model, if any. Status-only commands skip it to start fast. */
  readonly loadEmbedder?: boolean;
  readonly threads?: number;
  /** Load the chat model (and reranker) for `ask`: the given ones, else the remembered ones. */
  readonly answerModels?: AnswerModelOptions;
  readonly overrides?: Omit<EngineDeps, 'store' | 'embedder' | 'notices' | 'shared'>;
  /** A shared index to use instead of the local one: a postgres:// URL (see shared-store.ts). */
  readonly sharedStore?: string;
}

const EMBED_MODEL_KEY = SETTING_KEYS.embedModel;

export async function openEngine(options: OpenEngineOptions): Promise<Engine> {
  await ensureWritableDataDir(options.dataDir);
  // The shared index first: a database that cannot be reached fails the command before anything local is touched.
  const shared: SharedIndex | undefined = options.sharedStore ? await openSharedIndex(options.sharedStore) : undefined;
  let store: Store;
  try {
    store = Store.open(join(options.dataDir, DATABASE_FILE));
  } catch (error) {
    await shared?.dispose();
    throw error;
  }
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
    await shared?.dispose();
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
      await shared?.dispose();
      throw error;
    }
  }
  const engine = new Engine({ ...options.overrides, store, embedder, notices, ...answerModels, ...(shared ? { shared } : {}) });
  try {
    await engine.refreshFolders();
  } catch (error) {
    await engine.dispose();
    // The shared index went away between opening and the first read: the same failure as not opening at all.
    if (shared && error instanceof TroveError && error.code === 'DB_UNAVAILABLE') {
      throw new SharedIndexError('DB_UNAVAILABLE', shared.location, error.message, { cause: error, action: error.action });
    }
    throw error;
  }
  return engine;
}

async function loadEmbedder(modelPath: string, threads?: number): Promise<Embedder> {
  // Imported on demand: loading the llama runtime costs time that BM25-only commands should not pay.
  const { LlamaEmbedder } = await import('./models/llama-embedder.ts');
  return LlamaEmbedder.load(modelPath, { threads });
}
