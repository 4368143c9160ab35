/**
 * BM25 in SQL over the analysed terms (text-search.ts), so PostgreSQL ranks like the SQLite store's FTS5 bm25():
 * idf = ln(1 + (N − df + 0.5) / (df + 0.5)), k1 = 1.2, b = 0.75, a term's frequency counting its title/heading
 * occurrences at 0.75 and body occurrences at 1 (the SQLite store's column weights). PostgreSQL's own ts_rank
 * and ts_rank_cd know no document frequencies, and IDF is most of what ranks a passage above another.
 *
 * The same common-terms plan as SQLite (search/bm25-plan.ts): when scoring every chunk that holds any term would
 * exceed the budget, the rarest terms find the chunks and the common ones only add their score to those.
 * Follow-ups' carried words are searched with the query's own; compound variants and word-pair phrases (SQLite's
 * bm25-search.ts) are not done here yet.
 */
import type { PgPool } from '../../../../native/postgres.ts';
import type { LexicalRankOptions, ScoredId, SearchFilter } from '../../ports.ts';
import { queryTerms } from '../../search/analyze.ts';
import { planBm25, postingsBudgetFor } from '../../search/bm25-plan.ts';
import { filterClause } from './filter.ts';
import { anyTermQuery } from './text-search.ts';

const K1 = 1.2;
const B = 0.75;
const HEADING_WEIGHT = 0.75;

export class PostgresLexical {
  constructor(
    private readonly pool: PgPool,
    private readonly postingsBudget?: number,
  ) {}

  async rankLexical(query: string, k: number, filter: SearchFilter, options: LexicalRankOptions = {}): Promise<ScoredId[]> {
    const terms = [...new Set([...queryTerms(query), ...queryTerms(options.carried ?? '')])];
    if (terms.length === 0 || k <= 0) return [];
    // One round trip; each term's count is its own subquery on a constant, so the planner uses the GIN index.
    const counts = terms.map((_, index) => `(SELECT count(*)::int FROM chunks WHERE terms @@ $${index + 1}::tsquery) AS df${index}`);
    const stats = await this.pool.query<Record<string, number>>(
      `SELECT t.chunks::int AS n, (CASE WHEN t.chunks > 0 THEN t.terms::float8 / t.chunks ELSE 0 END) AS avgdl, ${counts.join(', ')}
       FROM chunk_totals t`,
      terms.map((term) => anyTermQuery([term])),
    );
    const row = stats.rows[0] as Record<string, number>;
    const n = row.n ?? 0;
    const avgdl = row.avgdl ?? 0;
    const df = terms.map((_, index) => row[`df${index}`] ?? 0);
    if (n === 0) return [];
    const plan = planBm25(
      terms.map((term, index) => ({ term, postings: df[index] ?? 0 })),
      this.postingsBudget ?? postingsBudgetFor(n),
    );
    const idf = terms.map((_, index) => Math.log(1 + (n - (df[index] ?? 0) + 0.5) / ((df[index] ?? 0) + 0.5)));
    const { clause, params } = filterClause(filter, 5);
    const { rows } = await this.pool.query<ScoredId>(
      `WITH q AS (SELECT * FROM unnest($1::text[], $2::float8[]) AS q(term, idf)),
       matched AS (
         SELECT c.id, c.terms, c.term_count FROM chunks c JOIN documents d ON d.id = c.document_id
         WHERE c.terms @@ $3::tsquery ${clause})
       SELECT m.id, sum(q.idf * f.tf * ${K1 + 1} / (f.tf + ${K1} * (${1 - B} + ${B} * m.term_count / ${Math.max(avgdl, 1e-9)}))) AS score
       FROM matched m
       CROSS JOIN LATERAL (
         SELECT u.lexeme, (SELECT sum(CASE WHEN w = 'A' THEN ${HEADING_WEIGHT} ELSE 1.0 END) FROM unnest(u.weights) w)::float8 AS tf
         FROM unnest(m.terms) u WHERE u.lexeme = ANY($1::text[])) f
       JOIN q ON q.term = f.lexeme
       GROUP BY m.id ORDER BY score DESC, m.id LIMIT $4`,
      [terms, idf, anyTermQuery(plan.rare), k, ...params],
    );
    return rows;
  }
}
