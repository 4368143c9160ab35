/**
 * The search worker thread: its own read-only connection to the index, so BM25 ranking and part of the
 * vector first pass run here while the engine's thread does the rest (SQLite calls are synchronous; two
 * connections in WAL mode read side by side). It runs the same functions the engine runs in-process
 * (bm25-search.ts, code-scan.ts), so results do not depend on which thread computed them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../../../../native/sqlite.ts';
import { CodeScan, ShardClaims, type CodeScanJob, type ShardCandidates } from './code-scan.ts';
import { SearchQueries } from './search-queries.ts';
import { rankBm25 } from './bm25-search.ts';
import type { SearchReply, SearchRequest, SearchWorkerData } from './search-thread.ts';

const port = parentPort;
if (!port) throw new Error('search-worker.ts must run in a worker thread');

const { file } = workerData as SearchWorkerData;
const db = openSqlite(file, { readonly: true });
const queries = new SearchQueries(db);
const codeScan = new CodeScan(db);
port.postMessage({ ready: true } satisfies SearchReply);

/** The engine recreates the code table when it re-centres the codes: then the statement is prepared afresh, once. */
function scanCodes(job: CodeScanJob, claims: ShardClaims): ShardCandidates[] {
  try {
    return codeScan.scan(job, claims);
  } catch {
    codeScan.reset();
    return codeScan.scan(job, claims);
  }
}
port.on('message', (request: SearchRequest) => {
  try {
    if (request.kind === 'bm25') {
      const hits = rankBm25(queries, request.query, request.k, request.filter, request.budget, request.carried);
      port.postMessage({ id: request.id, ok: true, hits } satisfies SearchReply);
    } else {
      const shards = scanCodes(request.job, new ShardClaims(request.claims));
      port.postMessage({ id: request.id, ok: true, shards } satisfies SearchReply);
    }
  } catch (error) {
    port.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies SearchReply);
  }
});
