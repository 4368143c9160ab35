/** What `trove status` shows of the PostgreSQL store (the SharedIndex port's overview), read in a few queries. */
import type { PgPool } from '../../../../native/postgres.ts';
import type { DocumentProblem, IndexOverview, JobFailure, RedactionReport, StoreCounts } from '../../ports.ts';

const DIMS_KEY = 'vector_dims';
const FINGERPRINT_KEY = 'embedding_fingerprint';

export async function readOverview(pool: PgPool): Promise<IndexOverview> {
  const meta = await pool.query<{ fingerprint: string | null; dims: string | null; has: boolean }>(
    `SELECT (SELECT value FROM meta WHERE key = $1) AS fingerprint, (SELECT value FROM meta WHERE key = $2) AS dims,
            to_regclass('chunk_vectors') IS NOT NULL AS has`,
    [FINGERPRINT_KEY, DIMS_KEY],
  );
  const { fingerprint, dims, has } = meta.rows[0] ?? { fingerprint: null, dims: null, has: false };
  const folders = await pool.query<IndexOverview['folders'][number]>(
    `SELECT f.id, f.path, f.status, f.error, f.added_at::float8 AS "addedAt", f.indexed_at::float8 AS "indexedAt", f.settings,
            count(d.id)::int AS documents, (count(*) FILTER (WHERE d.status = 'failed'))::int AS failed,
            (count(*) FILTER (WHERE d.status = 'skipped'))::int AS skipped,
            coalesce(sum(d.chunk_count), 0)::int AS chunks,
            (SELECT count(*)::int FROM jobs j WHERE j.folder_id = f.id AND j.state = 'pending') AS pending,
            (SELECT l.holder FROM folder_leases l WHERE l.folder_id = f.id AND l.expires_at > clock_timestamp()) AS "heldBy"
     FROM folders f LEFT JOIN documents d ON d.folder_id = f.id GROUP BY f.id ORDER BY f.path`,
  );
  const totals = await pool.query<StoreCounts>(
    `SELECT count(*)::int AS documents, (count(*) FILTER (WHERE status = 'indexed'))::int AS indexed,
            (count(*) FILTER (WHERE status = 'skipped'))::int AS skipped, (count(*) FILTER (WHERE status = 'failed'))::int AS failed,
            (count(*) FILTER (WHERE status = 'indexed' AND embed_fingerprint IS DISTINCT FROM $1))::int AS "staleVectors",
            (SELECT chunks::int FROM chunk_totals) AS chunks,
            -- A document embedded with the current model has one vector per chunk (written in one transaction).
            coalesce(sum(chunk_count) FILTER (WHERE status = 'indexed' AND embed_fingerprint = $1), 0)::int AS vectors
     FROM documents`,
    [fingerprint],
  );
  const problems = await pool.query<DocumentProblem>(
    `SELECT path, status, error_code AS code, error AS message FROM documents
     WHERE status <> 'indexed' OR error_code IS NOT NULL ORDER BY status, path`,
  );
  const pending = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE state = 'pending'");
  const failed = await pool.query<JobFailure>(
    `SELECT folder_id AS "folderId", path, kind, attempts, error FROM jobs WHERE state = 'failed' ORDER BY path`,
  );
  const redactions = await pool.query<RedactionReport>(
    `SELECT d.path, r.kind, r.start_line AS "startLine", r.end_line AS "endLine"
     FROM redactions r JOIN documents d ON d.id = r.document_id WHERE d.status = 'indexed' ORDER BY d.path, r.start_line, r.kind`,
  );
  const counts = totals.rows[0] as StoreCounts;
  return {
    folders: folders.rows,
    counts: { ...counts, vectors: has ? counts.vectors : 0, staleVectors: fingerprint ? counts.staleVectors : 0 },
    vectors: { fingerprint: fingerprint ?? undefined, dimensions: dims ? Number(dims) : undefined },
    problems: problems.rows,
    queue: { pending: pending.rows[0]?.n ?? 0, failed: failed.rows },
    redactions: redactions.rows,
  };
}
