/**
 * Changes other clients make to the shared index, as they commit: migration 6's statement triggers on folders,
 * documents, jobs and leases send an empty NOTIFY on one channel (empty: row-level security cannot filter a
 * notification, so it says only "something changed" and each client reads what it may see). A client that shows
 * the index (the app) listens here instead of polling. The connection is opened again after it breaks, every
 * few seconds while the server is away, and a change is reported on reconnecting, since some may have been missed.
 */
import { listenPostgres, type PgListener } from '../../../../native/postgres.ts';
import type { ChangeSubscription } from '../../ports.ts';

export const CHANGE_CHANNEL = 'trove_index_changed';
const RETRY_MS = 3000;

export async function subscribeToChanges(url: string, onChange: () => void): Promise<ChangeSubscription> {
  let listener: PgListener | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;
  const connect = async (): Promise<void> => {
    listener = await listenPostgres(url, CHANGE_CHANNEL, onChange, () => {
      listener = undefined;
      reconnectLater();
    });
  };
  const reconnectLater = () => {
    if (closed) return;
    retry = setTimeout(() => {
      connect().then(
        () => onChange(),
        () => reconnectLater(),
      );
    }, RETRY_MS);
    retry.unref();
  };
  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await listener?.close();
    },
  };
}
