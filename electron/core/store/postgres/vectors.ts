/**
 * Chunk embeddings in pgvector: the full vector (`vector(D)`) per chunk, and an HNSW index over it cast to
 * `halfvec(D)` (half the memory and bandwidth of float32). Search takes the HNSW index's nearest candidates by
 * half-precision cosine distance, then rescores them by exact cosine of the full vectors: scores are exact,
 * only the candidate set is approximate (as the SQLite store's 1-bit codes + rescoring).
 *
 * The dimension is part of the column type, so the table is (re)created when the embedding model changes and
 * every stored vector belongs to the current fingerprint.
 */
import type { PgPool, PgQueryable } from '../../../../native/postgres.ts';
import type { ScoredId, VectorState } from '../../ports.ts';
import { VECTOR_ACCESS } from './migrations.ts';
import { inTransaction } from './transaction.ts';

const DIMS_KEY = 'vector_dims';
const FINGERPRINT_KEY = 'embedding_fingerprint';
/** HNSW candidates rescored for the top k: at least this many, and OVERSAMPLE × k. */
const MIN_CANDIDATES = 100;
const OVERSAMPLE = 4;
/** pgvector's upper bound for hnsw.ef_search. */
const MAX_EF_SEARCH = 1000;

/** maintenance_work_mem for building the HNSW index when the caller names none. */
export const DEFAULT_BUILD_MEMORY = '1GB';

async function createHnswIndex(client: PgQueryable, dimensions: number): Promise<void> {
  await client.query(`CREATE INDEX IF NOT EXISTS chunk_vectors_hnsw ON chunk_vectors USING hnsw ((embedding::halfvec(${dimensions})) halfvec_cosine_ops)`);
}

export function vectorLiteral(vector: Float32Array): string {
  return `[${Array.from(vector).join(',')}]`;
}

export class PostgresVectors {
  constructor(private readonly pool: PgPool) {}

  async vectorState(): Promise<VectorState> {
    const { rows } = await this.pool.query<{ fingerprint: string | null; has: boolean }>(
      `SELECT (SELECT value FROM meta WHERE key = $1) AS fingerprint,
              to_regclass('chunk_vectors') IS NOT NULL AS has`,
      [FINGERPRINT_KEY],
    );
    const row = rows[0];
    if (!row?.has) return { fingerprint: row?.fingerprint ?? undefined, hasVectors: false };
    const any = await this.pool.query('SELECT 1 FROM chunk_vectors LIMIT 1');
    return { fingerprint: row.fingerprint ?? undefined, hasVectors: any.rows.length > 0 };
  }

  /** Makes the table hold vectors of `fingerprint`; another fingerprint's vectors are dropped and their documents marked. */
  async useVectorFingerprint(fingerprint: string, dimensions: number): Promise<void> {
    if (!Number.isInteger(dimensions) || dimensions <= 0) throw new Error(`Invalid vector dimensions ${dimensions}`);
    await inTransaction(this.pool, async (client) => {
      // Serialises clients switching models at once.
      await client.query('LOCK TABLE meta IN EXCLUSIVE MODE');
      const { rows } = await client.query<{ key: string; value: string }>('SELECT key, value FROM meta WHERE key = ANY($1)', [[DIMS_KEY, FINGERPRINT_KEY]]);
      const stored = new Map(rows.map((row) => [row.key, row.value]));
      if (stored.get(FINGERPRINT_KEY) === fingerprint && stored.get(DIMS_KEY) === String(dimensions)) return;
      await client.query('DROP TABLE IF EXISTS chunk_vectors');
      await client.query(
        `CREATE TABLE chunk_vectors (chunk_id integer PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
                                     folder_id integer NOT NULL, embedding vector(${dimensions}) NOT NULL)`,
      );
      await createHnswIndex(client, dimensions);
      await client.query('CREATE INDEX chunk_vectors_folder ON chunk_vectors(folder_id)');
      await client.query(VECTOR_ACCESS);
      await client.query('UPDATE documents SET embed_fingerprint = NULL');
      await client.query(
        'INSERT INTO meta (key, value) VALUES ($1, $2), ($3, $4) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [DIMS_KEY, String(dimensions), FINGERPRINT_KEY, fingerprint],
      );
    });
  }

  /**
   * Runs `load` (a bulk load) with the HNSW index dropped when the vector table is still empty, then builds the
   * index once over everything loaded, with `maintenanceWorkMem` for the build: building over a million vectors
   * at once is many times faster than inserting them one by one into the graph. A table that already holds
   * vectors keeps its index (searches of other clients go on using it). If the process dies mid-load, the next
   * open builds the missing index (`repairHnswIndex`). The loaded tables are vacuumed and analysed at the end.
   */
  async withIndexBuiltAfter<T>(load: () => Promise<T>, maintenanceWorkMem: string): Promise<T> {
    const dimensions = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ dims: string | null; empty: boolean }>(
        `SELECT (SELECT value FROM meta WHERE key = $1) AS dims,
                to_regclass('chunk_vectors') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM chunk_vectors) AS empty`,
        [DIMS_KEY],
      );
      const row = rows[0];
      if (!row?.empty || row.dims === null) return undefined;
      await client.query('DROP INDEX IF EXISTS chunk_vectors_hnsw');
      return Number(row.dims);
    });
    let loaded: T;
    try {
      loaded = await load();
    } finally {
      if (dimensions !== undefined) await this.buildHnswIndex(dimensions, maintenanceWorkMem);
    }
    // Sets the visibility map, so BM25 reads the new postings by index-only scans, and the planner's statistics.
    // VACUUM runs outside a transaction; a role that does not own the tables gets a warning, not an error.
    await this.pool.query('VACUUM (ANALYZE) chunk_postings, term_stats, chunks');
    return loaded;
  }

  /** Builds the HNSW index when the vector table lacks it (a bulk load that did not finish). */
  async repairHnswIndex(): Promise<void> {
    const { rows } = await this.pool.query<{ dims: string | null; missing: boolean }>(
      `SELECT (SELECT value FROM meta WHERE key = $1) AS dims,
              to_regclass('chunk_vectors') IS NOT NULL AND to_regclass('chunk_vectors_hnsw') IS NULL AS missing`,
      [DIMS_KEY],
    );
    const row = rows[0];
    if (row?.missing && row.dims !== null) await this.buildHnswIndex(Number(row.dims), DEFAULT_BUILD_MEMORY);
  }

  private async buildHnswIndex(dimensions: number, maintenanceWorkMem: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // SET LOCAL takes no parameters; set_config does, and is as local to the transaction.
      await client.query("SELECT set_config('maintenance_work_mem', $1, true)", [maintenanceWorkMem]);
      await createHnswIndex(client, dimensions);
    });
  }

  async nearest(query: Float32Array, k: number, folderIds?: readonly number[]): Promise<ScoredId[]> {
    if (k <= 0 || !(await this.tableExists())) return [];
    const dimensions = query.length;
    const candidates = Math.min(MAX_EF_SEARCH, Math.max(MIN_CANDIDATES, OVERSAMPLE * k));
    const filtered = folderIds !== undefined && folderIds.length > 0;
    return inTransaction(this.pool, async (client) => {
      // SET LOCAL takes no parameters: both values are integers computed here. Iterative scans keep a folder
      // filter from emptying the candidate list (pgvector 0.8).
      await client.query(`SET LOCAL hnsw.ef_search = ${candidates}`);
      await client.query('SET LOCAL hnsw.iterative_scan = relaxed_order');
      const { rows } = await client.query<ScoredId>(
        `SELECT id, score FROM (
           SELECT chunk_id AS id, 1 - (embedding <=> $1::vector) AS score FROM chunk_vectors
           ${filtered ? 'WHERE folder_id = ANY($4::int[])' : ''}
           ORDER BY embedding::halfvec(${dimensions}) <=> $1::halfvec(${dimensions}) LIMIT $2) candidates
         ORDER BY score DESC, id LIMIT $3`,
        filtered ? [vectorLiteral(query), candidates, k, folderIds] : [vectorLiteral(query), candidates, k],
      );
      return rows;
    });
  }

  async similarities(query: Float32Array, ids: readonly number[]): Promise<ScoredId[]> {
    if (ids.length === 0 || !(await this.tableExists())) return [];
    const { rows } = await this.pool.query<ScoredId>(
      `SELECT chunk_id AS id, 1 - (embedding <=> $1::vector) AS score FROM chunk_vectors WHERE chunk_id = ANY($2::int[])
       ORDER BY score DESC, id`,
      [vectorLiteral(query), ids],
    );
    return rows;
  }

  private async tableExists(): Promise<boolean> {
    const { rows } = await this.pool.query<{ has: boolean }>("SELECT to_regclass('chunk_vectors') IS NOT NULL AS has");
    return rows[0]?.has === true;
  }
}
