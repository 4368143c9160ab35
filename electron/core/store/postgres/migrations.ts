/**
 * Versioned schema migrations of the PostgreSQL store. Several clients may open the same database at once, so
 * the migrations run in one transaction under an advisory lock: the first client migrates, the others wait and
 * then find nothing to do. Each entry is applied once, in order, and recorded in `schema_migrations`.
 */
import { CHANGE_CHANNEL } from './change-feed.ts';
import type { PgPool } from '../../../../native/postgres.ts';
import { POSTINGS_MIGRATION } from './postings.ts';
import { inTransaction } from './transaction.ts';

/** Row-level security on the vector table, which is re-created when the embedding model changes (vectors.ts). */
export const VECTOR_ACCESS = `DO $$ BEGIN
  IF to_regclass('chunk_vectors') IS NOT NULL THEN
    ALTER TABLE chunk_vectors ENABLE ROW LEVEL SECURITY;
    CREATE POLICY vectors_of_my_folders ON chunk_vectors USING (folder_id IN (SELECT id FROM folders));
  END IF;
END $$;`;

/** Any constant: it names the lock clients take while migrating. */
const MIGRATION_LOCK = 4_172_017;

const MIGRATIONS: readonly string[] = [
  // 1: folders, documents and chunks with their analysed terms; vectors come with an embedding model (vectors.ts).
  `CREATE EXTENSION IF NOT EXISTS vector;
   CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
   CREATE TABLE folders (
     id serial PRIMARY KEY, path text NOT NULL UNIQUE, status text NOT NULL DEFAULT 'active',
     added_at bigint NOT NULL, indexed_at bigint);
   CREATE TABLE documents (
     id serial PRIMARY KEY, folder_id integer NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
     path text NOT NULL UNIQUE, ext text NOT NULL, format text, title text, size bigint NOT NULL,
     mtime_ms bigint NOT NULL, hash text, status text NOT NULL, error_code text, error text,
     chunk_fingerprint text, embed_fingerprint text, indexed_at bigint NOT NULL);
   CREATE INDEX documents_folder ON documents(folder_id);
   CREATE TABLE chunks (
     id serial PRIMARY KEY, document_id integer NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     seq integer NOT NULL, text text NOT NULL, heading text NOT NULL, start_line integer NOT NULL,
     end_line integer NOT NULL, page integer, start_char integer NOT NULL, end_char integer NOT NULL,
     tokens integer NOT NULL, role text, terms tsvector NOT NULL, term_count integer NOT NULL);
   CREATE INDEX chunks_document ON chunks(document_id);
   CREATE INDEX chunks_terms ON chunks USING gin (terms);
   -- BM25's collection statistics, kept by the writes (triggers) so a search reads one row instead of
   -- counting the table: the number of chunks and of their indexed terms.
   CREATE TABLE chunk_totals (id boolean PRIMARY KEY DEFAULT true CHECK (id), chunks bigint NOT NULL, terms bigint NOT NULL);
   INSERT INTO chunk_totals VALUES (true, 0, 0);
   CREATE FUNCTION chunk_totals_count() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       UPDATE chunk_totals SET chunks = chunks + (SELECT count(*) FROM changed), terms = terms + (SELECT coalesce(sum(term_count), 0) FROM changed);
     ELSE
       UPDATE chunk_totals SET chunks = chunks - (SELECT count(*) FROM changed), terms = terms - (SELECT coalesce(sum(term_count), 0) FROM changed);
     END IF;
     RETURN NULL;
   END $$;
   CREATE TRIGGER chunk_totals_insert AFTER INSERT ON chunks REFERENCING NEW TABLE AS changed
     FOR EACH STATEMENT EXECUTE FUNCTION chunk_totals_count();
   CREATE TRIGGER chunk_totals_delete AFTER DELETE ON chunks REFERENCING OLD TABLE AS changed
     FOR EACH STATEMENT EXECUTE FUNCTION chunk_totals_count();`,
  // 2: team mode: which client indexes a folder, until when (leases.ts).
  `CREATE TABLE folder_leases (
     folder_id integer PRIMARY KEY REFERENCES folders(id) ON DELETE CASCADE,
     holder text NOT NULL, expires_at timestamptz NOT NULL);`,
  // 3: the engine indexes into PostgreSQL: folder state and settings, the shared job queue (so any client can
  // finish work another queued), and what redaction removed from each document.
  `ALTER TABLE folders ADD COLUMN error text, ADD COLUMN settings jsonb NOT NULL DEFAULT '{}';
   CREATE TABLE jobs (
     id serial PRIMARY KEY, folder_id integer NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
     path text NOT NULL UNIQUE, kind text NOT NULL CHECK (kind IN ('upsert', 'remove')),
     state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
     attempts integer NOT NULL DEFAULT 0, version integer NOT NULL DEFAULT 0, error text, updated_at bigint NOT NULL);
   CREATE INDEX jobs_folder ON jobs(folder_id, state);
   CREATE TABLE redactions (
     document_id integer NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     kind text NOT NULL, start_line integer NOT NULL, end_line integer NOT NULL);
   CREATE INDEX redactions_document ON redactions(document_id);`,
  // 4: access control. A folder may belong to a group (a PostgreSQL role); row-level security then shows it,
  // and everything indexed from it, only to roles that are members of that group. Folders without a group are
  // seen by every client. The tables' owner (who migrated) is not subject to it: it administers the index.
  `ALTER TABLE folders ADD COLUMN group_role text;
   ALTER TABLE folders ENABLE ROW LEVEL SECURITY;
   CREATE POLICY folders_of_my_groups ON folders USING (
     group_role IS NULL OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = folders.group_role AND pg_has_role(current_user, r.oid, 'MEMBER')));
   ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
   CREATE POLICY documents_of_my_folders ON documents USING (folder_id IN (SELECT id FROM folders));
   ALTER TABLE chunks ENABLE ROW LEVEL SECURITY;
   CREATE POLICY chunks_of_my_documents ON chunks USING (document_id IN (SELECT id FROM documents));
   ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
   CREATE POLICY jobs_of_my_folders ON jobs USING (folder_id IN (SELECT id FROM folders));
   ALTER TABLE redactions ENABLE ROW LEVEL SECURITY;
   CREATE POLICY redactions_of_my_documents ON redactions USING (document_id IN (SELECT id FROM documents));
   ALTER TABLE folder_leases ENABLE ROW LEVEL SECURITY;
   CREATE POLICY leases_of_my_folders ON folder_leases USING (folder_id IN (SELECT id FROM folders));
   ${VECTOR_ACCESS}`,
  // 5: postings for BM25 (lexical.ts), so a search reads the matched terms' rows instead of detoasting and
  // unnesting every matched chunk's tsvector. See postings.ts.
  POSTINGS_MIGRATION,
  // 6: every committed change to folders, documents, the queue or the leases sends an empty notification, so a
  // client showing the index (the app) sees other clients' work as it happens (change-feed.ts).
  `CREATE FUNCTION notify_index_changed() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM pg_notify('${CHANGE_CHANNEL}', '');
     RETURN NULL;
   END $$;
   CREATE TRIGGER folders_notify AFTER INSERT OR UPDATE OR DELETE ON folders FOR EACH STATEMENT EXECUTE FUNCTION notify_index_changed();
   CREATE TRIGGER documents_notify AFTER INSERT OR UPDATE OR DELETE ON documents FOR EACH STATEMENT EXECUTE FUNCTION notify_index_changed();
   CREATE TRIGGER jobs_notify AFTER INSERT OR UPDATE OR DELETE ON jobs FOR EACH STATEMENT EXECUTE FUNCTION notify_index_changed();
   CREATE TRIGGER leases_notify AFTER INSERT OR UPDATE OR DELETE ON folder_leases FOR EACH STATEMENT EXECUTE FUNCTION notify_index_changed();`,
  // 7: each document's number of chunks, written with them, so the overview (the app's folder list, on every
  // change another client makes) sums documents instead of counting chunks and vectors: 170 ms at 100k chunks
  // before, growing with the index. Documents written before get theirs counted once here.
  `ALTER TABLE documents ADD COLUMN chunk_count integer NOT NULL DEFAULT 0;
   UPDATE documents d SET chunk_count = c.n FROM (SELECT document_id, count(*)::int AS n FROM chunks GROUP BY document_id) c WHERE c.document_id = d.id;`,
];

/** Applies the migrations after the database's version, up to `target` (the newest by default; tests stop earlier). */
export async function migrate(pool: PgPool, target: number = MIGRATIONS.length): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    // Created only when missing: a team member's role may read the tables without the right to create any
    // (PostgreSQL checks that right even for CREATE TABLE IF NOT EXISTS).
    const { rows: found } = await client.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists");
    if (!found[0]?.exists) {
      await client.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    }
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const current = rows[0]?.version ?? 0;
    for (let version = current + 1; version <= Math.min(target, MIGRATIONS.length); version++) {
      await client.query(MIGRATIONS[version - 1] as string);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    }
  });
}

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;
