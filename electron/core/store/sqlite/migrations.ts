/**
 * Versioned, forward-only schema migrations. `PRAGMA user_version` records how far a database has come;
 * each step runs in its own transaction so a crash mid-migration leaves the previous version intact.
 */
import type { SqliteDatabase } from '../../../../native/sqlite.ts';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: (db: SqliteDatabase) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'folders, documents, chunks, full-text index, meta',
    up(db) {
      db.exec(`
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE folders (
          id         INTEGER PRIMARY KEY,
          path       TEXT NOT NULL UNIQUE,
          settings   TEXT NOT NULL DEFAULT '{}',
          status     TEXT NOT NULL DEFAULT 'active',
          error      TEXT,
          added_at   INTEGER NOT NULL,
          indexed_at INTEGER
        ) STRICT;

        CREATE TABLE documents (
          id                INTEGER PRIMARY KEY,
          folder_id         INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
          path              TEXT NOT NULL UNIQUE,
          ext               TEXT NOT NULL,
          format            TEXT,
          title             TEXT,
          size              INTEGER NOT NULL,
          mtime_ms          INTEGER NOT NULL,
          hash              TEXT,
          status            TEXT NOT NULL CHECK (status IN ('indexed', 'skipped', 'failed')),
          error_code        TEXT,
          error             TEXT,
          chunk_fingerprint TEXT,
          embed_fingerprint TEXT,
          indexed_at        INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX documents_folder ON documents(folder_id, status);

        CREATE TABLE chunks (
          id          INTEGER PRIMARY KEY,
          document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
          seq         INTEGER NOT NULL,
          text        TEXT NOT NULL,
          heading     TEXT NOT NULL DEFAULT '',
          start_line  INTEGER NOT NULL,
          end_line    INTEGER NOT NULL,
          page        INTEGER,
          start_char  INTEGER NOT NULL,
          end_char    INTEGER NOT NULL,
          tokens      INTEGER NOT NULL,
          UNIQUE (document_id, seq)
        ) STRICT;

        -- Contentless: the analysed terms (folded, stemmed, CJK bigrams) are produced by our own analyser and
        -- only the inverted index is kept; the readable text lives in chunks.text.
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
          title, body,
          tokenize = 'unicode61 remove_diacritics 2',
          content = '', contentless_delete = 1
        );
        -- Section titles weigh more than body text: a query that names a section should find it first.
        INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
      `);
    },
  },
  {
    version: 2,
    description: 'durable job queue for indexing work',
    up(db) {
      // One row per path, so repeated events for a file coalesce. `version` moves on every enqueue: a job that
      // changed while it was being worked on is not deleted by the worker that finished the older request.
      db.exec(`
        CREATE TABLE jobs (
          id         INTEGER PRIMARY KEY,
          folder_id  INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
          path       TEXT NOT NULL UNIQUE,
          kind       TEXT NOT NULL CHECK (kind IN ('upsert', 'remove')),
          state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
          attempts   INTEGER NOT NULL DEFAULT 0,
          version    INTEGER NOT NULL DEFAULT 0,
          error      TEXT,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX jobs_folder ON jobs(folder_id, state);
      `);
    },
  },
  {
    version: 3,
    description: 'conversations, messages and their sources for the desktop app',
    up(db) {
      // Sources keep path and span (not a chunk reference): an old answer still shows what it cited after the
      // file was re-indexed or its folder forgotten; chunk_id is only used to open the passage while it exists.
      db.exec(`
        CREATE TABLE conversations (
          id         INTEGER PRIMARY KEY,
          title      TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE messages (
          id              INTEGER PRIMARY KEY,
          conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
          role            TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
          text            TEXT NOT NULL,
          kind            TEXT,
          model           TEXT,
          aborted         INTEGER NOT NULL DEFAULT 0,
          created_at      INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX messages_conversation ON messages(conversation_id, id);

        CREATE TABLE citations (
          message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
          n          INTEGER NOT NULL,
          chunk_id   INTEGER NOT NULL,
          path       TEXT NOT NULL,
          start_line INTEGER NOT NULL,
          end_line   INTEGER NOT NULL,
          page       INTEGER,
          heading    TEXT NOT NULL DEFAULT '',
          cited      INTEGER NOT NULL,
          PRIMARY KEY (message_id, n)
        ) STRICT;
      `);
    },
  },
  {
    version: 4,
    description: 'audit log of answers: question, model, adapters, the chunks given and the citations',
    up(db) {
      // Chunks are recorded by id, place and sha256 of the exact text given to the model, not by text: the log
      // proves what the model saw without becoming a second copy of the documents. JSON columns: read whole.
      db.exec(`
        CREATE TABLE audit (
          id                INTEGER PRIMARY KEY,
          at                INTEGER NOT NULL,
          question          TEXT NOT NULL,
          kind              TEXT NOT NULL,
          model             TEXT,
          adapters          TEXT NOT NULL DEFAULT '[]',
          retrieval         TEXT NOT NULL DEFAULT '{}',
          chunks            TEXT NOT NULL DEFAULT '[]',
          citations         TEXT NOT NULL DEFAULT '[]',
          removed_citations INTEGER NOT NULL DEFAULT 0,
          aborted           INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE INDEX audit_at ON audit(at);
      `);
    },
  },
  {
    version: 5,
    description: 'what redaction removed from each document (kind and line, never the secret)',
    up(db) {
      db.exec(`
        CREATE TABLE redactions (
          document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
          kind        TEXT NOT NULL,
          start_line  INTEGER NOT NULL,
          end_line    INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX redactions_document ON redactions(document_id);
      `);
    },
  },
  {
    version: 6,
    description: 'what each answer searched for (a follow-up made to stand alone)',
    up(db) {
      // NULL for answers written before: they searched for their question.
      db.exec('ALTER TABLE messages ADD COLUMN query TEXT');
    },
  },
  {
    version: 7,
    description: 'the role of a chunk that lists rather than explains: a table of contents or a back-of-book index',
    up(db) {
      // NULL for ordinary text. Chunks written before this version get theirs when their document is re-indexed.
      db.exec(`ALTER TABLE chunks ADD COLUMN role TEXT CHECK (role IN ('contents', 'index'));`);
    },
  },
  {
    version: 8,
    description: 'answers as given (question, sources with their text, configuration, citations) and the feedback on them',
    up(db) {
      // Unlike the audit log, an answer keeps the text of its sources exactly as the model was given it (after
      // redaction): an approved answer is exported as training data with the prompt it was answered from.
      // JSON columns are read whole. One feedback row per answer: marking it again replaces the verdict.
      db.exec(`
        CREATE TABLE answers (
          id            INTEGER PRIMARY KEY,
          at            INTEGER NOT NULL,
          question      TEXT NOT NULL,
          kind          TEXT NOT NULL,
          answer        TEXT NOT NULL,
          configuration TEXT NOT NULL DEFAULT '{}',
          sources       TEXT NOT NULL DEFAULT '[]',
          citations     TEXT NOT NULL DEFAULT '[]',
          folders       TEXT NOT NULL DEFAULT '[]'
        ) STRICT;
        CREATE INDEX answers_at ON answers(at);

        CREATE TABLE feedback (
          answer_id        INTEGER PRIMARY KEY REFERENCES answers(id) ON DELETE CASCADE,
          verdict          TEXT NOT NULL CHECK (verdict IN ('good', 'bad')),
          corrected_answer TEXT,
          at               INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX feedback_at ON feedback(at);

        -- The answer behind an assistant message, so the app can mark it; NULL for messages written before.
        ALTER TABLE messages ADD COLUMN answer_id INTEGER;
      `);
    },
  },
  {
    version: 9,
    description: 'OCR: chunks read from scanned pages and images say so; scans and files skipped as unsupported are read again',
    up(db) {
      // NULL for text from the file itself.
      db.exec(`ALTER TABLE chunks ADD COLUMN origin TEXT CHECK (origin IN ('ocr'));`);
      // Scanned PDFs (NO_TEXT), and images, slides, sheets, e-books and other files skipped as unsupported before,
      // can be read now: a stat that cannot match makes the next run read them again.
      db.exec(`UPDATE documents SET mtime_ms = -1 WHERE status = 'skipped' AND (
                 (ext = 'pdf' AND error_code = 'NO_TEXT') OR error_code = 'UNSUPPORTED_TYPE')`);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** Brings the database up to the latest schema. Returns the version it started from. */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[] = MIGRATIONS): number {
  const from = Number(db.pragma('user_version', { simple: true }));
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new Error(`The index was written by a newer version of Trove (schema ${from}; this build knows ${latest})`);
  }
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return from;
}
