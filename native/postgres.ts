/**
 * The one place that opens PostgreSQL (node-postgres). A pool of connections for one database URL; the store
 * (electron/core/store/postgres/) sees only the small client interface below, so no pg type leaks past it.
 */
import pg from 'pg';

export interface PgQueryResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number | null;
}

/** What the store needs of a connection: queries with $n parameters. */
export interface PgQueryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<PgQueryResult<Row>>;
}

/** One pooled connection, held for a transaction and released after it. */
export interface PgClient extends PgQueryable {
  release(error?: Error): void;
}

export interface PgPool extends PgQueryable {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
}

export interface OpenPostgresOptions {
  /** Connections in the pool (the engine's thread and concurrent searches). */
  readonly max?: number;
  /** Milliseconds to wait for a connection before failing, so a database that went away is reported, not waited on. */
  readonly connectTimeoutMs?: number;
}

/** A pool for `url` (postgres://user@host/db, or ?host=/socket/dir for a Unix socket). Connects lazily. */
export function openPostgres(url: string, options: OpenPostgresOptions = {}): PgPool {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4, connectionTimeoutMillis: options.connectTimeoutMs ?? 5000 });
  // An idle connection that breaks (the server restarted) emits an error on the pool; the next query gets a
  // fresh connection, so the error is only noted here instead of crashing the process.
  pool.on('error', () => undefined);
  return pool as unknown as PgPool;
}

/** A connection of its own that listens for notifications on one channel until closed. */
export interface PgListener {
  close(): Promise<void>;
}

/**
 * Connects to `url` and runs LISTEN on `channel` (a plain identifier); `onNotify` is called for every
 * notification, `onError` once if the connection breaks (the listener is dead then: open another).
 */
export async function listenPostgres(url: string, channel: string, onNotify: () => void, onError: (error: Error) => void): Promise<PgListener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  let closed = false;
  client.on('notification', () => onNotify());
  // A broken connection emits 'error' (without a listener that would end the process).
  client.on('error', (error: Error) => {
    if (closed) return;
    closed = true;
    onError(error);
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  } catch (error) {
    closed = true;
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    async close() {
      if (closed) return;
      closed = true;
      await client.end().catch(() => undefined);
    },
  };
}
