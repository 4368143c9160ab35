/** One transaction on one pooled connection: committed when `work` resolves, rolled back when it throws. */
import type { PgClient, PgPool } from '../../../../native/postgres.ts';

export async function inTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    // The connection may be gone (the server went away): then there is nothing to roll back.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // A connection that failed is dropped from the pool instead of being handed to the next caller.
    client.release(failure);
  }
}
