/**
 * Engines over either store for the parameterised engine suites: the local SQLite file alone, or a local file
 * plus a shared PostgreSQL index (team mode) in a fresh database of one private server shared by the suite.
 */
import { join } from 'node:path';
import { Engine, type EngineDeps } from '../../electron/core/engine.ts';
import { PostgresStore } from '../../electron/core/store/postgres/postgres-store.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from './private-postgres.ts';

export interface EngineKind {
  readonly name: 'sqlite' | 'postgres';
  /** Why this store cannot run here (the suite skips it), or undefined. */
  readonly unavailable: string | undefined;
  /** A new engine on a new, empty index. */
  open(tempDir: () => Promise<string>, deps?: Omit<EngineDeps, 'store' | 'shared'>): Promise<{ engine: Engine }>;
  /** Stops what the kind started for the suite (the PostgreSQL server). */
  release(): void;
}

export function sqliteEngines(): EngineKind {
  return {
    name: 'sqlite',
    unavailable: undefined,
    async open(tempDir, deps = {}) {
      return { engine: new Engine({ ...deps, store: Store.open(join(await tempDir(), 'trove.db')) }) };
    },
    release: () => undefined,
  };
}

export function postgresEngines(): EngineKind {
  let server: PrivatePostgres | undefined;
  let databases = 0;
  return {
    name: 'postgres',
    unavailable: postgresUnavailable,
    async open(tempDir, deps = {}) {
      server ??= startPrivatePostgres();
      const name = `engine_${++databases}`;
      server.createDatabase(name);
      const shared = await PostgresStore.open(server.urlOf(name));
      const engine = new Engine({ ...deps, store: Store.open(join(await tempDir(), 'local.db')), shared });
      await engine.refreshFolders();
      return { engine };
    },
    release: () => {
      server?.dispose();
      server = undefined;
    },
  };
}

export const ENGINE_KINDS: readonly EngineKind[] = [sqliteEngines(), postgresEngines()];
