/** Opens the engine for a command from its global options, and always disposes it afterwards. */
import type { Engine } from '../../core/engine.ts';
import { resolveDataDir } from '../../core/data-dir.ts';
import { StoreError, TroveError } from '../../core/errors.ts';
import { openEngine } from '../../core/open-engine.ts';
import { isCorruptionError } from '../../core/store/sqlite/health-check.ts';
import type { AnswerModelOptions } from '../../core/models/llama-generator-open.ts';

export interface GlobalOptions {
  readonly dataDir?: string;
  /** A shared index (postgres://…); TROVE_STORE when not given. */
  readonly store?: string;
  readonly json?: boolean;
  readonly threads?: number;
}

export async function withEngine<T>(
  options: GlobalOptions & {
    embedModel?: string;
    loadEmbedder?: boolean;
    answerModels?: AnswerModelOptions;
    /**
     * How the command stands to a shared index: `supported` (index, search, ask, status, watch, mcp, serve) runs on it; `local-only`
     * (models, feedback, the audit log: what stays on this machine) ignores it; otherwise the command refuses one.
     */
    sharedStore?: 'supported' | 'local-only';
  },
  work: (engine: Engine) => Promise<T>,
): Promise<T> {
  const sharedStore = options.sharedStore === 'local-only' ? undefined : sharedStoreOf(options);
  if (sharedStore && options.sharedStore !== 'supported') {
    throw new TroveError(
      'INVALID_ARGUMENT',
      'This command works on the local index only; a shared store (--store / TROVE_STORE) supports index, search, ask, status, watch, mcp and serve.',
    );
  }
  const engine = await openEngine({
    dataDir: resolveDataDir(options.dataDir),
    ...(sharedStore ? { sharedStore } : {}),
    embedModelPath: options.embedModel,
    loadEmbedder: options.loadEmbedder ?? false,
    threads: options.threads,
    answerModels: options.answerModels,
  });
  try {
    for (const notice of engine.notices) process.stderr.write(`trove: ${notice}\n`);
    return await work(engine);
  } catch (error) {
    // Damage the start-up check could not see (it reads only the edges of each table) gets the same advice.
    if (isCorruptionError(error)) {
      const file = engine.store.file;
      throw new StoreError('DB_CORRUPT', file, `The index database ${file} is damaged (${(error as Error).message})`, { cause: error });
    }
    throw error;
  } finally {
    await engine.dispose();
  }
}

/** The shared store the user chose, if any: --store, else TROVE_STORE (empty means none). */
export function sharedStoreOf(options: GlobalOptions): string | undefined {
  const value = options.store ?? process.env.TROVE_STORE;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
