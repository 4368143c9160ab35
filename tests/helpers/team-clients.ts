/**
 * Team-mode test clients: each an engine with its own local file and the same shared PostgreSQL index (a private
 * server's database), a hashing embedder and the real extractors; and the group roles the access-control tests use.
 */
import { join } from 'node:path';
import { Engine } from '../../electron/core/engine.ts';
import { extractReadFile } from '../../electron/core/extract/index.ts';
import { PostgresStore } from '../../electron/core/store/postgres/postgres-store.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { openPostgres } from '../../native/postgres.ts';
import { HashingEmbedder } from './fake-embedder.ts';

/** A client of the shared index at `url`, named `clientName` (as it shows in leases), its local file in `localDir`. */
export async function teamClient(url: string, clientName: string, localDir: string): Promise<Engine> {
  return new Engine({
    store: Store.open(join(localDir, 'local.db')),
    shared: await PostgresStore.open(url),
    clientName,
    embedder: new HashingEmbedder(16),
    extract: extractReadFile,
  });
}

/**
 * Two groups and a member of each: `designers` (alice) and `accountants` (bob), with the rights a Trove client
 * needs on the index's tables; then `statements` (e.g. putting folders in groups), run as the administrator.
 */
export async function createGroupRoles(adminUrl: string, statements: readonly string[] = []): Promise<void> {
  const sql = openPostgres(adminUrl);
  try {
    for (const statement of [
      'CREATE ROLE designers', 'CREATE ROLE accountants', 'CREATE ROLE alice LOGIN IN ROLE designers', 'CREATE ROLE bob LOGIN IN ROLE accountants',
      'GRANT ALL ON ALL TABLES IN SCHEMA public TO designers, accountants',
      'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO designers, accountants',
      ...statements,
    ]) {
      await sql.query(statement);
    }
  } finally {
    await sql.end();
  }
}
