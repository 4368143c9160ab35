/**
 * The BM25 worker thread: its own read-only connection to the index, so hybrid search scores BM25 here while
 * the engine's thread searches vectors (SQLite calls are synchronous; two connections in WAL mode read side by
 * side). Ranking is the same function the engine runs in-process (bm25-search.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../../../native/sqlite.ts';
import { SearchQueries } from '../store/search-queries.ts';
import { rankBm25 } from './bm25-search.ts';
import type { Bm25Reply, Bm25Request, Bm25WorkerData } from './bm25-thread.ts';

const port = parentPort;
if (!port) throw new Error('bm25-worker.ts must run in a worker thread');

const { file } = workerData as Bm25WorkerData;
const queries = new SearchQueries(openSqlite(file, { readonly: true }));
port.postMessage({ ready: true } satisfies Bm25Reply);
port.on('message', (request: Bm25Request) => {
  try {
    const hits = rankBm25(queries, request.query, request.k, request.filter, request.budget);
    port.postMessage({ id: request.id, ok: true, hits } satisfies Bm25Reply);
  } catch (error) {
    port.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies Bm25Reply);
  }
});
