/**
 * The inverted index BM25 reads (migration 5). `chunk_postings` holds one row per (term, chunk): the term's
 * weighted frequency in the chunk (title/heading occurrences 0.75, body 1, the SQLite store's column weights)
 * and the chunk's length, so ranking reads only the query terms' rows, in term order from the primary key, the
 * way FTS5 reads its posting lists. The key includes every column ranking reads, so a vacuumed table is read by
 * index-only scans: a term's postings are contiguous leaf pages, not one heap page per posting. `term_stats` holds each term's document frequency per folder, so the idf
 * of a term is one index lookup (summed over the folders the role may see) instead of counting its postings.
 *
 * Both are kept by triggers on `chunks`, derived from the chunk's tsvector (the forward index, text-search.ts),
 * so every write path (one document, many documents, a cascade from a removed document or folder) keeps them
 * true in the same transaction. Both carry the folder, so row-level security keys them like the chunks: a role
 * sees the postings and the frequencies of its groups' folders only. Trigger names sort after
 * `chunk_totals_*`, so every writer locks the `chunk_totals` row first and writers never deadlock on
 * `term_stats` rows.
 */

/**
 * The weighted frequency of an `unnest(tsvector)` row `u`: weight A (title/heading) counts 0.75, the rest 1.
 * Array arithmetic rather than a subquery over the weights: it runs for every posting written.
 */
const WEIGHTED_TF = "(cardinality(u.weights) - 0.25 * cardinality(array_positions(u.weights, 'A')))::real";

/** The postings of the chunks in `source` (a relation with chunk rows), with their folder from `documents`. */
function postingsOf(source: string): string {
  return `SELECT u.lexeme, c.id, d.folder_id, ${WEIGHTED_TF}, c.term_count
          FROM ${source} c JOIN documents d ON d.id = c.document_id CROSS JOIN LATERAL unnest(c.terms) u`;
}

export const POSTINGS_MIGRATION = `
   CREATE TABLE chunk_postings (
     term text NOT NULL, chunk_id integer NOT NULL, folder_id integer NOT NULL, tf real NOT NULL, length integer NOT NULL,
     PRIMARY KEY (term, chunk_id) INCLUDE (tf, length, folder_id));
   CREATE TABLE term_stats (
     term text NOT NULL, folder_id integer NOT NULL, chunks integer NOT NULL, PRIMARY KEY (term, folder_id));
   INSERT INTO chunk_postings (term, chunk_id, folder_id, tf, length) ${postingsOf('chunks')};
   INSERT INTO term_stats (term, folder_id, chunks) SELECT term, folder_id, count(*) FROM chunk_postings GROUP BY term, folder_id;
   CREATE FUNCTION chunk_postings_add() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     WITH added AS (
       INSERT INTO chunk_postings (term, chunk_id, folder_id, tf, length) ${postingsOf('changed')}
       RETURNING term, folder_id)
     INSERT INTO term_stats (term, folder_id, chunks)
       SELECT term, folder_id, count(*) FROM added GROUP BY term, folder_id ORDER BY term, folder_id
       ON CONFLICT (term, folder_id) DO UPDATE SET chunks = term_stats.chunks + excluded.chunks;
     RETURN NULL;
   END $$;
   -- The removed chunks' postings are found by (term, chunk) through the primary key; the transition table has
   -- no statistics, so the planner is kept from hashing or sorting the whole postings table instead.
   CREATE FUNCTION chunk_postings_remove() RETURNS trigger LANGUAGE plpgsql
     SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off AS $$
   BEGIN
     WITH removed AS (
       DELETE FROM chunk_postings p
       USING (SELECT c.id, u.lexeme FROM changed c CROSS JOIN LATERAL unnest(tsvector_to_array(c.terms)) u(lexeme)) x
       WHERE p.term = x.lexeme AND p.chunk_id = x.id
       RETURNING p.term, p.folder_id)
     UPDATE term_stats s SET chunks = s.chunks - r.n
       FROM (SELECT term, folder_id, count(*) AS n FROM removed GROUP BY term, folder_id) r
       WHERE s.term = r.term AND s.folder_id = r.folder_id;
     RETURN NULL;
   END $$;
   CREATE TRIGGER chunks_postings_insert AFTER INSERT ON chunks REFERENCING NEW TABLE AS changed
     FOR EACH STATEMENT EXECUTE FUNCTION chunk_postings_add();
   CREATE TRIGGER chunks_postings_delete AFTER DELETE ON chunks REFERENCING OLD TABLE AS changed
     FOR EACH STATEMENT EXECUTE FUNCTION chunk_postings_remove();
   -- The GIN index served the tsvector search this replaces; without it every write is cheaper.
   DROP INDEX chunks_terms;
   ALTER TABLE chunk_postings ENABLE ROW LEVEL SECURITY;
   CREATE POLICY postings_of_my_folders ON chunk_postings USING (folder_id IN (SELECT id FROM folders));
   ALTER TABLE term_stats ENABLE ROW LEVEL SECURITY;
   CREATE POLICY term_stats_of_my_folders ON term_stats USING (folder_id IN (SELECT id FROM folders));`;
