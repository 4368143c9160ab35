/**
 * The index on disk: one SQLite file holding folders, documents, chunks, the full-text index and vectors.
 * Opening it migrates the schema forward; `dispose()` closes the connection.
 */
import { openSqlite, SqliteOpenError, type SqliteDatabase } from '../../../../native/sqlite.ts';
import { StoreError } from '../../errors.ts';
import type { StoreCounts } from '../../ports.ts';
import { AuditRepository } from './audit-repository.ts';
import { ConversationRepository } from './conversation-repository.ts';
import { DocumentRepository } from './document-repository.ts';
import { FeedbackRepository } from './feedback-repository.ts';
import { FolderRepository } from './folder-repository.ts';
import { writeFolderList } from './folder-list-file.ts';
import { checkDatabaseReadable, isCorruptionError } from './health-check.ts';
import { JobRepository } from './job-repository.ts';
import { MetaTable } from './meta-table.ts';
import { migrate } from './migrations.ts';
import { PassageQueries } from './passage-queries.ts';
import { RedactionRepository } from './redaction-repository.ts';
import { SearchQueries } from './search-queries.ts';
import { TermStatistics } from './term-stats.ts';
import { VectorTable } from './vector-table.ts';

export type { StoreCounts };

export class Store {
  readonly meta: MetaTable;
  readonly vectors: VectorTable;
  readonly folders: FolderRepository;
  readonly documents: DocumentRepository;
  readonly search: SearchQueries;
  /** Chunk count and per-term document frequencies, for weighting question terms by rarity. */
  readonly termStats: TermStatistics;
  readonly jobs: JobRepository;
  /** Conversations (served by Engine.conversations) and the passage reader of the app's source panel. */
  readonly conversations: ConversationRepository;
  readonly passages: PassageQueries;
  /** The local audit log of answers, and what redaction removed from each document. */
  readonly audit: AuditRepository;
  readonly redactions: RedactionRepository;
  /** Answers as given and the feedback on them (served by Engine.feedback). */
  readonly feedback: FeedbackRepository;

  private constructor(
    private readonly db: SqliteDatabase,
    readonly file: string,
  ) {
    this.meta = new MetaTable(db);
    this.vectors = new VectorTable(db);
    this.folders = new FolderRepository(db, this.vectors);
    this.documents = new DocumentRepository(db, this.vectors);
    this.search = new SearchQueries(db);
    this.termStats = new TermStatistics(db);
    this.jobs = new JobRepository(db);
    this.conversations = new ConversationRepository(db);
    this.passages = new PassageQueries(db);
    this.audit = new AuditRepository(db);
    this.redactions = new RedactionRepository(db);
    this.feedback = new FeedbackRepository(db);
  }

  /** Opens (creating if needed) and migrates the index at `file`. */
  static open(file: string): Store {
    let db: SqliteDatabase;
    try {
      db = openSqlite(file);
    } catch (error) {
      if (error instanceof SqliteOpenError && error.kind === 'corrupt') {
        throw new StoreError('DB_CORRUPT', file, error.message, { cause: error });
      }
      throw new StoreError('DATA_DIR_NOT_WRITABLE', file, error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
    try {
      // Damage is found before anything is written: a damaged file is left exactly as it is for `trove rebuild`.
      checkDatabaseReadable(db);
      migrate(db);
      return new Store(db, file);
    } catch (error) {
      db.close();
      const message = error instanceof Error ? error.message : String(error);
      if (isCorruptionError(error) || /malformed|not a database|corrupt/i.test(message)) {
        throw new StoreError('DB_CORRUPT', file, `The index database ${file} is damaged (${message})`, { cause: error });
      }
      throw new StoreError('INTERNAL', file, `Cannot use the index database ${file}: ${message}`, { cause: error });
    }
  }

  counts(): StoreCounts {
    const row = this.db
      .prepare(
        `SELECT count(*) AS documents,
                coalesce(sum(status = 'indexed'), 0) AS indexed,
                coalesce(sum(status = 'skipped'), 0) AS skipped,
                coalesce(sum(status = 'failed'), 0) AS failed,
                coalesce(sum(status = 'indexed' AND embed_fingerprint IS NOT @fingerprint), 0) AS staleVectors
         FROM documents`,
      )
      .get({ fingerprint: this.vectors.fingerprint ?? null }) as Omit<StoreCounts, 'chunks' | 'vectors'>;
    const chunks = (this.db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n;
    return { ...row, chunks, vectors: this.vectors.count(), staleVectors: this.vectors.fingerprint ? row.staleVectors : 0 };
  }

  /** Documents, chunks and problems per folder id. */
  folderCounts(): Map<number, { documents: number; chunks: number; failed: number; skipped: number }> {
    const rows = this.db
      .prepare(
        `SELECT d.folder_id AS id, count(*) AS documents,
                coalesce(sum(d.status = 'failed'), 0) AS failed, coalesce(sum(d.status = 'skipped'), 0) AS skipped,
                coalesce(sum((SELECT count(*) FROM chunks c WHERE c.document_id = d.id)), 0) AS chunks
         FROM documents d GROUP BY d.folder_id`,
      )
      .all() as { id: number; documents: number; chunks: number; failed: number; skipped: number }[];
    return new Map(rows.map(({ id, ...counts }) => [id, counts]));
  }

  /** Runs `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /**
   * Rows that point at nothing: chunks of missing documents, full-text entries of missing chunks. Both zero in
   * a healthy index (every document write and removal is one transaction). Vectors are checked by count
   * against chunks (`counts()`), since their table layout belongs to the vector store.
   */
  orphans(): { chunks: number; fullText: number } {
    const count = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      chunks: count('SELECT count(*) AS n FROM chunks WHERE document_id NOT IN (SELECT id FROM documents)'),
      // FTS5 keeps one row per entry in its docsize shadow table, also for contentless tables.
      fullText: count('SELECT count(*) AS n FROM chunks_fts_docsize WHERE id NOT IN (SELECT id FROM chunks)'),
    };
  }

  /** Writes folders.json beside the database, for `trove rebuild` when the database cannot be read. */
  saveFolderList(): void {
    if (this.file === ':memory:' || this.file === '') return;
    try {
      writeFolderList(this.file, this.folders.list().map((folder) => ({ path: folder.path, settings: this.folders.settings(folder.id) })));
    } catch {
      // Only a fallback copy: failing to write it must not fail the command that changed the folders.
    }
  }

  integrityCheck(): string {
    return String(this.db.pragma('integrity_check', { simple: true }));
  }

  dispose(): void {
    if (this.db.open) this.db.close();
  }
}
