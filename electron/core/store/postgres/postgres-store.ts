/**
 * The index in PostgreSQL with pgvector: a second implementation of the storage ports (ports.ts) beside the
 * SQLite store, for an index shared by several clients. Search (lexical, vectors, passages) and document
 * writes go through it; every call that finds the database gone fails with StoreError DB_UNAVAILABLE.
 */
import { openPostgres, type PgPool } from '../../../../native/postgres.ts';
import type {
  ChunkHit, DocumentFacts, DocumentWriter, IndexedContent, LexicalRankOptions, ScoredId, SearchFilter, SearchIndex, VectorState,
} from '../../ports.ts';
import type { PassageRole } from '../../types.ts';
import { PostgresDocuments } from './documents.ts';
import { FolderLeases } from './leases.ts';
import { PostgresLexical } from './lexical.ts';
import { migrate } from './migrations.ts';
import { PostgresPassages } from './passages.ts';
import { reportingUnavailable } from './unavailable.ts';
import { PostgresVectors } from './vectors.ts';

export interface PostgresStoreOptions {
  /** BM25 matches scored per query before common terms only re-score (search/bm25-plan.ts). */
  readonly postingsBudget?: number;
}

export class PostgresStore implements SearchIndex, DocumentWriter {
  private readonly documents: PostgresDocuments;
  private readonly lexical: PostgresLexical;
  private readonly vectors: PostgresVectors;
  private readonly passages: PostgresPassages;
  /** Which client indexes which folder (team mode). */
  readonly leases: FolderLeases;

  private constructor(
    private readonly pool: PgPool,
    /** The URL without its password, for messages. */
    readonly location: string,
    options: PostgresStoreOptions,
  ) {
    this.documents = new PostgresDocuments(pool);
    this.lexical = new PostgresLexical(pool, options.postingsBudget);
    this.vectors = new PostgresVectors(pool);
    this.passages = new PostgresPassages(pool);
    this.leases = new FolderLeases(pool);
  }

  /** Connects to `url` (postgres://…) and migrates its schema forward. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const location = withoutPassword(url);
    const pool = openPostgres(url);
    try {
      await reportingUnavailable(location, () => migrate(pool));
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresStore(pool, location, options);
  }

  addFolder(path: string, now: number): Promise<number> {
    return this.guard(() => this.documents.addFolder(path, now));
  }

  writeDocument(facts: DocumentFacts, content: IndexedContent): Promise<void> {
    return this.guard(() => this.documents.writeDocument(facts, content));
  }

  removeDocument(path: string): Promise<void> {
    return this.guard(() => this.documents.removeDocument(path));
  }

  useVectorFingerprint(fingerprint: string, dimensions: number): Promise<void> {
    return this.guard(() => this.vectors.useVectorFingerprint(fingerprint, dimensions));
  }

  rankLexical(query: string, k: number, filter: SearchFilter, options?: LexicalRankOptions): Promise<ScoredId[]> {
    return this.guard(() => this.lexical.rankLexical(query, k, filter, options));
  }

  vectorState(): Promise<VectorState> {
    return this.guard(() => this.vectors.vectorState());
  }

  nearest(query: Float32Array, k: number, folderIds?: readonly number[]): Promise<ScoredId[]> {
    return this.guard(() => this.vectors.nearest(query, k, folderIds));
  }

  similarities(query: Float32Array, ids: readonly number[]): Promise<ScoredId[]> {
    return this.guard(() => this.vectors.similarities(query, ids));
  }

  hydrate(ids: readonly number[]): Promise<ChunkHit[]> {
    return this.guard(() => this.passages.hydrate(ids));
  }

  passing(ids: readonly number[], filter: SearchFilter): Promise<Set<number>> {
    return this.guard(() => this.passages.passing(ids, filter));
  }

  rolesOf(ids: readonly number[]): Promise<Map<number, PassageRole>> {
    return this.guard(() => this.passages.rolesOf(ids));
  }

  async dispose(): Promise<void> {
    await this.pool.end();
  }

  private guard<T>(work: () => Promise<T>): Promise<T> {
    return reportingUnavailable(this.location, work);
  }
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
