/** The local audit log of answers (migration 4): appended by Engine.ask, exported by `trove audit`. */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';
import type { NumberedSource } from '../../types.ts';

/** One passage given to the model: where it came from and the sha256 of the exact text the model saw. */
export interface AuditChunk extends NumberedSource {
  readonly sha256: string;
}

export interface AuditRecord {
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly question: string;
  readonly kind: string;
  readonly model: string | null;
  readonly adapters: readonly { readonly path: string; readonly scale: number }[];
  readonly retrieval: { readonly mode: string; readonly k: number; readonly reranker?: string };
  readonly chunks: readonly AuditChunk[];
  /** Source numbers the answer cites (a subset of chunks[].n). */
  readonly citations: readonly number[];
  readonly removedCitations: number;
  readonly aborted: boolean;
}

export interface AuditEntry extends AuditRecord {
  readonly id: number;
}

interface AuditRow {
  id: number;
  at: number;
  question: string;
  kind: string;
  model: string | null;
  adapters: string;
  retrieval: string;
  chunks: string;
  citations: string;
  removed_citations: number;
  aborted: number;
}

export class AuditRepository {
  constructor(private readonly db: SqliteDatabase) {}

  append(record: AuditRecord): number {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO audit (at, question, kind, model, adapters, retrieval, chunks, citations, removed_citations, aborted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.at, record.question, record.kind, record.model, JSON.stringify(record.adapters), JSON.stringify(record.retrieval),
        JSON.stringify(record.chunks), JSON.stringify(record.citations), record.removedCitations, record.aborted ? 1 : 0,
      );
    return Number(lastInsertRowid);
  }

  /** Entries at or after `since` (ms since the epoch), oldest first. */
  list(since = 0): AuditEntry[] {
    return (this.db.prepare('SELECT * FROM audit WHERE at >= ? ORDER BY at, id').all(since) as AuditRow[]).map(entryOf);
  }

  /** The newest `limit` entries, newest first. */
  recent(limit: number): AuditEntry[] {
    return (this.db.prepare('SELECT * FROM audit ORDER BY at DESC, id DESC LIMIT ?').all(limit) as AuditRow[]).map(entryOf);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
  }
}

function entryOf(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    question: row.question,
    kind: row.kind,
    model: row.model,
    adapters: JSON.parse(row.adapters) as AuditRecord['adapters'],
    retrieval: JSON.parse(row.retrieval) as AuditRecord['retrieval'],
    chunks: JSON.parse(row.chunks) as AuditChunk[],
    citations: JSON.parse(row.citations) as number[],
    removedCitations: row.removed_citations,
    aborted: row.aborted === 1,
  };
}
