/**
 * BM25 in SQL over the postings of the analysed terms (postings.ts, text-search.ts), so PostgreSQL ranks like
 * the SQLite store's FTS5 bm25(): idf = ln(1 + (N − df + 0.5) / (df + 0.5)), k1 = 1.2, b = 0.75, a term's
 * frequency counting its title/heading occurrences at 0.75 and body occurrences at 1 (the SQLite store's column
 * weights). PostgreSQL's own ts_rank and ts_rank_cd know no document frequencies, and IDF is most of what ranks
 * a passage above another.
 *
 * A search reads the query terms' document frequencies from `term_stats` (one index lookup per term and
 * visible folder), then their rows in `chunk_postings` (contiguous in the primary key), as FTS5 reads its
 * posting lists; no chunk row or tsvector is read. The same common-terms plan as SQLite (search/bm25-plan.ts):
 * when scoring every chunk that holds any term would exceed the budget, the rarest terms find the chunks and
 * the common ones only add their score to those, looked up by (term, chunk). Follow-ups' carried words are
 * searched with the query's own, and so are the query's words joined and respelled as the index writes them;
 * split words and word-pair phrases (SQLite's bm25-search.ts) need word positions, which are not kept here.
 */
import type { PgPool } from '../../../../native/postgres.ts';
import type { LexicalRankOptions, ScoredId, SearchFilter, TermFrequencies } from '../../ports.ts';
import { queryTerms } from '../../search/analyze.ts';
import { joinedTerms } from '../../search/compound-variants.ts';
import { indexedRespellings, respellingTerms } from '../../search/respellings.ts';
import { planBm25, postingsBudgetFor } from '../../search/bm25-plan.ts';
import { filterClause } from './filter.ts';

const K1 = 1.2;
const B = 0.75;

export class PostgresLexical {
  constructor(
    private readonly pool: PgPool,
    private readonly postingsBudget?: number,
  ) {}

  async rankLexical(query: string, k: number, filter: SearchFilter, options: LexicalRankOptions = {}): Promise<ScoredId[]> {
    const asked = [...new Set([...queryTerms(query), ...queryTerms(options.carried ?? '')])];
    if (asked.length === 0 || k <= 0) return [];
    // The query's words joined and respelled as this index writes them (compound-variants.ts, respellings.ts),
    // looked up with the query's own terms in one round trip; the index keeps no word positions, so no splits.
    const joined = joinedTerms(query);
    const candidates = [...new Set([...asked, ...joined, ...respellingTerms(query)])];
    const all = await this.statistics(candidates);
    const frequency = new Map(candidates.map((term, index) => [term, all.df[index] ?? 0]));
    const isIndexed = (term: string) => (frequency.get(term) ?? 0) > 0;
    const terms = [...new Set([...asked, ...joined.filter(isIndexed), ...indexedRespellings(query, isIndexed).values()])];
    const { n, avgdl } = all;
    const df = terms.map((term) => frequency.get(term) ?? 0);
    if (n === 0) return [];
    const plan = planBm25(
      terms.map((term, index) => ({ term, postings: df[index] ?? 0 })),
      this.postingsBudget ?? postingsBudgetFor(n),
    );
    const idf = terms.map((_, index) => Math.log(1 + (n - (df[index] ?? 0) + 0.5) / ((df[index] ?? 0) + 0.5)));
    const { clause, params } = filterClause(filter, 6);
    // A filter on folder or type needs the chunk's document; without one, postings alone rank.
    const filtered = clause === '' ? '' : 'JOIN chunks c ON c.id = p.chunk_id JOIN documents d ON d.id = c.document_id';
    // The rare terms' postings find the chunks; the common terms' postings of those chunks only are looked up
    // by (term, chunk); one aggregation sums each chunk's BM25 over both (a join of two aggregates made
    // PostgreSQL re-aggregate per row).
    const { rows } = await this.pool.query<ScoredId>(
      `WITH q AS (SELECT * FROM unnest($1::text[], $2::float8[]) AS q(term, idf)),
       rare AS MATERIALIZED (
         SELECT p.chunk_id, p.term, p.tf, p.length FROM chunk_postings p ${filtered}
         WHERE p.term = ANY($3::text[]) ${clause}),
       matched AS (
         SELECT chunk_id, term, tf, length FROM rare
         UNION ALL
         SELECT p.chunk_id, p.term, p.tf, p.length
         FROM (SELECT DISTINCT chunk_id FROM rare) f JOIN chunk_postings p ON p.term = ANY($4::text[]) AND p.chunk_id = f.chunk_id)
       SELECT m.chunk_id AS id,
              sum(q.idf * m.tf * ${K1 + 1} / (m.tf + ${K1} * (${1 - B} + ${B} * m.length / ${Math.max(avgdl, 1e-9)}))) AS score
       FROM matched m JOIN q ON q.term = m.term
       GROUP BY m.chunk_id ORDER BY score DESC, m.chunk_id LIMIT $5`,
      [terms, idf, plan.rare, plan.common, k, ...params],
    );
    return rows;
  }

  /** The chunk count and the document frequency of each term (summed over the folders this role sees). */
  async termFrequencies(terms: readonly string[]): Promise<TermFrequencies> {
    const distinct = [...new Set(terms)];
    const { n, df } = await this.statistics(distinct);
    return { chunks: n, documentFrequency: new Map(distinct.map((term, index) => [term, df[index] ?? 0])) };
  }

  /** Chunks, their mean length in terms, and each term's document frequency, in the order of `terms`. */
  private async statistics(terms: readonly string[]): Promise<{ n: number; avgdl: number; df: number[] }> {
    const stats = await this.pool.query<{ n: number; avgdl: number; df: number[] }>(
      `SELECT t.chunks::int AS n, (CASE WHEN t.chunks > 0 THEN t.terms::float8 / t.chunks ELSE 0 END) AS avgdl,
         ARRAY(SELECT coalesce((SELECT sum(s.chunks) FROM term_stats s WHERE s.term = q.term), 0)::int
               FROM unnest($1::text[]) WITH ORDINALITY AS q(term, at) ORDER BY q.at) AS df
       FROM chunk_totals t`,
      [terms],
    );
    const row = stats.rows[0];
    return { n: row?.n ?? 0, avgdl: row?.avgdl ?? 0, df: terms.map((_, index) => row?.df[index] ?? 0) };
  }
}
