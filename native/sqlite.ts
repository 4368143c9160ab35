/**
 * The one place that opens SQLite. Loads sqlite-vec into every connection and sets the pragmas the store
 * relies on (WAL for readers beside a writer, foreign keys for cascades, a busy timeout so the CLI and the
 * app can share one database file).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type * as SqliteVec from 'sqlite-vec';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// Required, not imported: importing a CommonJS package from ESM has Node scan its source for export names first,
// a cost every CLI start paid for better-sqlite3. sqlite-vec ships both; its ES module imports node:process,
// whose ESM wrapper evaluates every lazy getter of `process` (process.report among them): ~10 ms per start.
const Database = require('better-sqlite3') as typeof BetterSqlite3;
const sqliteVec = require('sqlite-vec') as typeof SqliteVec;

export type SqliteDatabase = BetterSqlite3.Database;
export type SqliteStatement = BetterSqlite3.Statement;

export interface OpenSqliteOptions {
  readonly readonly?: boolean;
}

/** SQLite result codes (extended codes share the low byte) that mean "this is not a healthy database". */
const CORRUPTION_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

export class SqliteOpenError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'cannot-open',
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SqliteOpenError';
  }
}

export function openSqlite(file: string, options: OpenSqliteOptions = {}): SqliteDatabase {
  let db: SqliteDatabase | undefined;
  try {
    // The desktop app's engine host runs in Electron and uses better-sqlite3 built for Electron's ABI
    // (scripts/build-native-electron.ts); everything else uses the Node build in node_modules.
    const nativeBinding = process.env.TROVE_SQLITE_BINDING || nodeAddon();
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, ...(nativeBinding ? { nativeBinding } : {}) });
    sqliteVec.load(db);
    db.pragma('busy_timeout = 5000');
    // Up to 64 MiB of page cache per connection instead of SQLite's 2 MiB: on a 1M-chunk index the vector
    // scan evicted the full-text pages between searches, and BM25 took 18 ms instead of 11
    // (scripts/bench/search-scale.ts). The cache only grows as pages are read, so small indexes pay nothing.
    db.pragma('cache_size = -65536');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL is durable against application crashes in WAL mode; only an OS crash can lose the last commit.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db?.close();
    throw toOpenError(file, error);
  }
}

let nodeAddonPath: string | null | undefined;

/**
 * better-sqlite3's own Node build, named directly. Left to itself, better-sqlite3 finds its addon through the
 * `bindings` package, which stats a dozen candidate paths: ~10 ms of every CLI start. Undefined (let
 * better-sqlite3 search) when the usual build path is not there.
 */
function nodeAddon(): string | undefined {
  if (nodeAddonPath === undefined) {
    const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
    const addon = join(packageDir, 'build', 'Release', 'better_sqlite3.node');
    nodeAddonPath = existsSync(addon) ? addon : null;
  }
  return nodeAddonPath ?? undefined;
}

export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && [...CORRUPTION_CODES].some((c) => code.startsWith(c));
}

function toOpenError(file: string, error: unknown): SqliteOpenError {
  if (isCorruptionError(error)) {
    return new SqliteOpenError('corrupt', file, `The index database ${file} is damaged`, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new SqliteOpenError('cannot-open', file, `Cannot open the index database ${file}: ${reason}`, {
    cause: error,
  });
}

/** sqlite-vec and FTS5 rowids must be passed as BigInt; a JS number is rejected by vec0. */
export function rowid(id: number): bigint {
  return BigInt(id);
}
