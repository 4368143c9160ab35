/** Read queries behind search: BM25 ranking over FTS5 and hydration of chunk ids into citable hits. */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';
import type { PassageRole } from '../../types.ts';
import { StatementCache } from './statement-cache.ts';
import type { ChunkHit, ScoredId, SearchFilter } from '../../ports.ts';

/**
 * Column weights: title + heading path 0.75, body text 1. Every chunk of a section repeats its heading path (and a
 * PDF page its running section title), so a heading word matches many chunks at once; weighting it above the
 * body let those crowd out the passage that explains. Measured (hit@5 on both dev sets in scripts/eval/devsets,
 * nDCG@10 on SciFact): 2.0 → 74.5% / 69.4% / 0.691, 1.0 → 76.4% / 74.2% / 0.692, 0.75 → 76.4% / 75.8% / 0.694,
 * 0.5 → 76.4% / 74.2%. (Migration 1 configured 2.0 as the table's rank; searches name their weights here.)
 */
const BM25 = 'bm25(chunks_fts, 0.75, 1.0)';

export class SearchQueries {
  private readonly statements: StatementCache;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = new StatementCache(db);
  }

  /** Chunks ranked by BM25 (higher is better) for an FTS5 MATCH expression. */
  bm25(match: string, k: number, filter: SearchFilter = {}): ScoredId[] {
    const { clause, params } = filterClause(filter);
    // BM25 scores every matching row either way. Calling bm25() directly (same weights as the table's
    // configured rank, so the same scores and order) lets SQLite keep only the top k while sorting; `ORDER BY
    // rank` made FTS5 sort every match itself, ~1.5× slower at 100k chunks (scripts/bench/search-scale.ts).
    const sql = clause
      ? `SELECT f.rowid AS id, -${BM25} AS score FROM chunks_fts f
           JOIN chunks c ON c.id = f.rowid JOIN documents d ON d.id = c.document_id
         WHERE chunks_fts MATCH ? ${clause} ORDER BY score DESC, id LIMIT ?`
      : `SELECT rowid AS id, -${BM25} AS score FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY score DESC, id LIMIT ?`;
    return this.statements.get(sql).all(match, ...params, k) as ScoredId[];
  }

  /**
   * BM25 of `rare OR common` over the chunks that match `rare` (see bm25-plan.ts). Chunks that also
   * hold a common term are scored by a second MATCH of `(common) AND (rare)`, which FTS5 runs by skipping
   * through the long common lists instead of scoring them; bm25() sums independent per-term parts with
   * collection-wide statistics, so each chunk gets its exact full-query score, the larger of its two.
   */
  bm25WithCommonTerms(rare: string, common: string, k: number, filter: SearchFilter = {}): ScoredId[] {
    const { clause, params } = filterClause(filter);
    const joins = clause ? 'JOIN chunks c ON c.id = m.id JOIN documents d ON d.id = c.document_id' : '';
    const sql = `
      SELECT m.id AS id, max(m.score) AS score FROM (
        SELECT rowid AS id, -${BM25} AS score FROM chunks_fts WHERE chunks_fts MATCH ?
        UNION ALL
        SELECT rowid AS id, -${BM25} AS score FROM chunks_fts WHERE chunks_fts MATCH ?
      ) m ${joins}
      WHERE 1 ${clause}
      GROUP BY m.id ORDER BY score DESC, id LIMIT ?`;
    return this.statements.get(sql).all(rare, `(${common}) AND (${rare})`, ...params, k) as ScoredId[];
  }

  /** How many chunks match an FTS5 expression, counting no further than `cap` (cheap for common terms). */
  matchCountUpTo(match: string, cap: number): number {
    const count = this.statements.get('SELECT count(*) AS n FROM (SELECT 1 FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT ?)');
    return (count.get(match, cap) as { n: number }).n;
  }

  /** How many chunks are indexed: count(*) reads SQLite's b-tree page counts, ~0.3 ms at 1M chunks. */
  chunkCount(): number {
    return (this.statements.get('SELECT count(*) AS n FROM chunks').get() as { n: number }).n;
  }

  /** Which of `ids` pass the filter (for vector results, whose table knows only folders). */
  passing(ids: readonly number[], filter: SearchFilter): Set<number> {
    if (ids.length === 0) return new Set();
    const { clause, params } = filterClause(filter);
    const rows = this.db
      .prepare(
        `SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id
         WHERE c.id IN (${ids.map(() => '?').join(',')}) ${clause}`,
      )
      .all(...ids, ...params) as { id: number }[];
    return new Set(rows.map((row) => row.id));
  }

  /** The roles of those of `ids` that have one (contents or index pages); ordinary chunks are left out. */
  rolesOf(ids: readonly number[]): Map<number, PassageRole> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .prepare(`SELECT id, role FROM chunks WHERE role IS NOT NULL AND id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids) as { id: number; role: PassageRole }[];
    return new Map(rows.map((row) => [row.id, row.role]));
  }

  /** Chunks with their documents, in the order of `ids`. */
  hydrate(ids: readonly number[]): ChunkHit[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT c.id AS chunkId, d.id AS documentId, d.folder_id AS folderId, d.path, d.title, c.text, c.heading,
                c.start_line AS startLine, c.end_line AS endLine, c.page, c.origin, d.indexed_at AS indexedAt
         FROM chunks c JOIN documents d ON d.id = c.document_id
         WHERE c.id IN (${ids.map(() => '?').join(',')})`,
      )
      .all(...ids) as ChunkHit[];
    const byId = new Map(rows.map((row) => [row.chunkId, row]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}

function filterClause(filter: SearchFilter): { clause: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (filter.folderIds && filter.folderIds.length > 0) {
    parts.push(`d.folder_id IN (${filter.folderIds.map(() => '?').join(',')})`);
    params.push(...filter.folderIds);
  }
  if (filter.types && filter.types.length > 0) {
    const marks = filter.types.map(() => '?').join(',');
    parts.push(`(d.ext IN (${marks}) OR d.format IN (${marks}))`);
    params.push(...filter.types, ...filter.types);
  }
  return { clause: parts.map((part) => `AND ${part}`).join(' '), params };
}
