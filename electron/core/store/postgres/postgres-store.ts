/**
 * The index in PostgreSQL with pgvector: a second implementation of the storage ports (ports.ts) beside the
 * SQLite store, for an index shared by several clients. Search (lexical, vectors, passages) and document
 * writes go through it, and everything indexing needs (IndexStore: document states, folders, the shared job
 * queue); every call that finds the database gone fails with StoreError DB_UNAVAILABLE.
 */
import { openPostgres, type PgPool } from '../../../../native/postgres.ts';
import type {
  ChangeSubscription, ChunkHit, DocumentFacts, DocumentProblemFacts, DocumentState, FolderLeasing, IndexedContent, IndexOverview, JobQueue,
  LexicalRankOptions, PassageSource, ScoredId, SearchFilter, SharedIndex, TermFrequencies, VectorState,
} from '../../ports.ts';
import type { PassageRole } from '../../types.ts';
import { PostgresDocumentStates } from './document-states.ts';
import { PostgresDocuments } from './documents.ts';
import { PostgresFolders } from './folders.ts';
import { PostgresJobs } from './jobs.ts';
import { FolderLeases } from './leases.ts';
import type { DocumentWrite } from './document-batch.ts';
import { PostgresLexical } from './lexical.ts';
import { migrate } from './migrations.ts';
import { readOverview } from './overview.ts';
import { PostgresPassages } from './passages.ts';
import { subscribeToChanges } from './change-feed.ts';
import { withoutPassword } from './location.ts';
import { guardingEachCall, reportingUnavailable } from './unavailable.ts';
import { DEFAULT_BUILD_MEMORY, PostgresVectors } from './vectors.ts';

export interface PostgresStoreOptions {
  /** BM25 matches scored per query before common terms only re-score (search/bm25-plan.ts). */
  readonly postingsBudget?: number;
}

export class PostgresStore implements SharedIndex {
  /** Registered folders and their settings, shared by every client. */
  readonly folders: PostgresFolders;
  /** The indexing queue, shared by every client. */
  readonly jobs: JobQueue;
  private readonly documents: PostgresDocuments;
  private readonly states: PostgresDocumentStates;
  private readonly lexical: PostgresLexical;
  private readonly vectors: PostgresVectors;
  private readonly passages: PostgresPassages;
  /** Which client indexes which folder (team mode). */
  readonly leases: FolderLeasing;

  private constructor(
    private readonly pool: PgPool,
    /** The URL (with its password, for the change feed's own connection). */
    private readonly url: string,
    /** The URL without its password, for messages. */
    readonly location: string,
    options: PostgresStoreOptions,
  ) {
    this.documents = new PostgresDocuments(pool);
    this.states = new PostgresDocumentStates(pool);
    this.folders = guardingEachCall(new PostgresFolders(pool), location);
    this.jobs = guardingEachCall(new PostgresJobs(pool), location);
    this.lexical = new PostgresLexical(pool, options.postingsBudget);
    this.vectors = new PostgresVectors(pool);
    this.passages = new PostgresPassages(pool);
    this.leases = guardingEachCall(new FolderLeases(pool), location);
  }

  /** Connects to `url` (postgres://…) and migrates its schema forward. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const location = withoutPassword(url);
    const pool = openPostgres(url);
    try {
      await reportingUnavailable(location, async () => {
        await migrate(pool);
        await new PostgresVectors(pool).repairHnswIndex();
      });
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresStore(pool, url, location, options);
  }

  addFolder(path: string, now: number): Promise<number> {
    return this.guard(() => this.documents.addFolder(path, now));
  }

  writeDocument(facts: DocumentFacts, content: IndexedContent): Promise<void> {
    return this.guard(() => this.documents.writeDocument(facts, content));
  }

  /** Many documents in one transaction, a fixed number of statements per batch (document-batch.ts). */
  writeDocuments(batch: readonly DocumentWrite[]): Promise<void> {
    return this.guard(() => this.documents.writeDocuments(batch));
  }

  /**
   * A bulk load: `load` writes batches (writeDocuments); when the index holds no vectors yet, the HNSW index is
   * built once after it instead of grown vector by vector (vectors.ts, withIndexBuiltAfter). For filling a new
   * shared index before the team searches it: until the build ends, vector searches scan the table.
   */
  bulkLoad<T>(load: () => Promise<T>, options: { maintenanceWorkMem?: string } = {}): Promise<T> {
    return this.guard(() => this.vectors.withIndexBuiltAfter(load, options.maintenanceWorkMem ?? DEFAULT_BUILD_MEMORY));
  }

  removeDocument(path: string): Promise<void> {
    return this.guard(() => this.documents.removeDocument(path));
  }

  stateByPath(path: string): Promise<DocumentState | undefined> {
    return this.guard(() => this.states.stateByPath(path));
  }

  statesForFolder(folderId: number): Promise<Map<string, DocumentState>> {
    return this.guard(() => this.states.statesForFolder(folderId));
  }

  pathsUnder(folderId: number, dir: string): Promise<string[]> {
    return this.guard(() => this.states.pathsUnder(folderId, dir));
  }

  chunksOf(documentId: number): Promise<{ id: number; text: string }[]> {
    return this.guard(() => this.states.chunksOf(documentId));
  }

  writeProblem(facts: DocumentFacts, problem: DocumentProblemFacts): Promise<void> {
    return this.guard(() => this.documents.writeProblem(facts, problem));
  }

  touch(documentId: number, size: number, mtimeMs: number): Promise<void> {
    return this.guard(() => this.documents.touch(documentId, size, mtimeMs));
  }

  writeVectors(documentId: number, folderId: number, chunkIds: readonly number[], vectors: readonly Float32Array[], fingerprint: string): Promise<void> {
    return this.guard(() => this.documents.writeVectors(documentId, folderId, chunkIds, vectors, fingerprint));
  }

  useVectorFingerprint(fingerprint: string, dimensions: number): Promise<void> {
    return this.guard(() => this.vectors.useVectorFingerprint(fingerprint, dimensions));
  }

  rankLexical(query: string, k: number, filter: SearchFilter, options?: LexicalRankOptions): Promise<ScoredId[]> {
    return this.guard(() => this.lexical.rankLexical(query, k, filter, options));
  }

  termFrequencies(terms: readonly string[]): Promise<TermFrequencies> {
    return this.guard(() => this.lexical.termFrequencies(terms));
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

  passage(chunkId: number): Promise<PassageSource | undefined> {
    return this.guard(() => this.passages.passage(chunkId));
  }

  watchChanges(onChange: () => void): Promise<ChangeSubscription> {
    return this.guard(() => subscribeToChanges(this.url, onChange));
  }

  overview(): Promise<IndexOverview> {
    return this.guard(() => readOverview(this.pool));
  }

  async dispose(): Promise<void> {
    await this.pool.end();
  }

  private guard<T>(work: () => Promise<T>): Promise<T> {
    return reportingUnavailable(this.location, work);
  }
}
