/**
 * The two stores behind the storage ports, opened fresh for a parameterised suite: SQLite in a temporary file,
 * PostgreSQL in a new database of one private server (tests/helpers/private-postgres.ts) shared by the suite.
 * PostgreSQL is skipped, with the reason, where its binaries are not installed.
 */
import { join } from 'node:path';
import type { DocumentWriter, SearchIndex } from '../../electron/core/ports.ts';
import { PostgresStore } from '../../electron/core/store/postgres/postgres-store.ts';
import { SqliteDocumentWriter } from '../../electron/core/store/sqlite/sqlite-document-writer.ts';
import { SqliteSearchIndex } from '../../electron/core/store/sqlite/sqlite-search-index.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from './private-postgres.ts';

export interface OpenedStore {
  readonly index: SearchIndex;
  readonly writer: DocumentWriter;
  addFolder(path: string): Promise<number>;
  dispose(): Promise<void>;
}

export interface StoreKind {
  readonly name: 'sqlite' | 'postgres';
  /** Why this store cannot run here (the suite skips it), or undefined. */
  readonly unavailable: string | undefined;
  open(tempDir: () => Promise<string>): Promise<OpenedStore>;
  /** Stops what the kind started for the suite (the PostgreSQL server). */
  release(): void;
}

export function sqliteKind(): StoreKind {
  return {
    name: 'sqlite',
    unavailable: undefined,
    async open(tempDir) {
      const store = Store.open(join(await tempDir(), 'trove.db'));
      return {
        index: new SqliteSearchIndex(store),
        writer: new SqliteDocumentWriter(store),
        addFolder: async (path) => store.folders.add(path, 1).id,
        dispose: async () => store.dispose(),
      };
    },
    release: () => undefined,
  };
}

export function postgresKind(): StoreKind {
  let server: PrivatePostgres | undefined;
  let databases = 0;
  return {
    name: 'postgres',
    unavailable: postgresUnavailable,
    async open() {
      server ??= startPrivatePostgres();
      const name = `trove_${++databases}`;
      server.createDatabase(name);
      const store = await PostgresStore.open(server.urlOf(name));
      return { index: store, writer: store, addFolder: (path) => store.addFolder(path, 1), dispose: () => store.dispose() };
    },
    release: () => {
      server?.dispose();
      server = undefined;
    },
  };
}

export const STORE_KINDS: readonly StoreKind[] = [sqliteKind(), postgresKind()];
