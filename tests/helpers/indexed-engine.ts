/**
 * A real engine (SQLite store, real extraction) over a folder of the given files, disposed after each test:
 * the setup of the engine-level integration tests.
 */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Engine } from '../../electron/core/engine.ts';
import { extractReadFile } from '../../electron/core/extract/index.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { writeFiles } from './sample-folder.ts';
import { useTempDirs } from './temp-dir.ts';

export type IndexEngine = (files: Record<string, string>) => Promise<{ engine: Engine; folder: string }>;

/** Call at the top of a test file; each call of the returned function indexes `files` into a fresh engine. */
export function useIndexedEngines(): IndexEngine {
  const tempDir = useTempDirs();
  const engines: Engine[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
  });
  return async (files) => {
    const folder = await tempDir();
    await writeFiles(folder, files);
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), extract: extractReadFile });
    engines.push(engine);
    await engine.index([folder]);
    return { engine, folder };
  };
}
