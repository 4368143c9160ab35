/**
 * Builds a version-1 index exactly as migration 1 left it (only MIGRATIONS.slice(0, 1) is run), with data in
 * every table it had: meta, folders, documents, chunks and their full-text rows, written the way version 1 of
 * the document writer did. Used to prove later migrations carry old data forward.
 */
import { MIGRATIONS, migrate } from '../../../electron/core/store/sqlite/migrations.ts';
import { toIndexedText } from '../../../electron/core/search/analyze.ts';
import { openSqlite } from '../../../native/sqlite.ts';

export interface V1Chunk {
  readonly text: string;
  readonly heading: string;
  readonly startLine: number;
  readonly endLine: number;
}

export interface V1Document {
  readonly path: string;
  readonly title: string | null;
  readonly chunks: readonly V1Chunk[];
}

export const V1_FOLDER = '/fixture/notes';
export const V1_DOCUMENTS: readonly V1Document[] = [
  {
    path: `${V1_FOLDER}/garden.md`,
    title: 'Garden',
    chunks: [
      { text: 'Tomatoes need six hours of sun and deep watering twice a week.', heading: 'Garden > Vegetables', startLine: 3, endLine: 4 },
      { text: 'Prune the apple trees in late winter, before the buds open.', heading: 'Garden > Orchard', startLine: 8, endLine: 9 },
    ],
  },
  {
    path: `${V1_FOLDER}/bikes.txt`,
    title: null,
    chunks: [{ text: 'Check the chain tension and tyre pressure before a long ride.', heading: '', startLine: 1, endLine: 2 }],
  },
];

export function buildV1Database(file: string): void {
  const db = openSqlite(file);
  try {
    migrate(db, MIGRATIONS.slice(0, 1));
    db.transaction(() => {
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('embed_model', '/models/old-embedder.gguf');
      const folderId = Number(
        db.prepare('INSERT INTO folders (path, settings, added_at, indexed_at) VALUES (?, ?, ?, ?)').run(V1_FOLDER, '{"exclude":["*.tmp"]}', 1000, 2000).lastInsertRowid,
      );
      for (const doc of V1_DOCUMENTS) {
        const documentId = Number(
          db
            .prepare(
              `INSERT INTO documents (folder_id, path, ext, format, title, size, mtime_ms, hash, status, chunk_fingerprint, indexed_at)
               VALUES (?, ?, ?, ?, ?, 100, 1500, 'abc', 'indexed', 'chunk-v1', 2000)`,
            )
            .run(folderId, doc.path, doc.path.split('.').pop(), doc.path.endsWith('.md') ? 'markdown' : 'text', doc.title).lastInsertRowid,
        );
        doc.chunks.forEach((chunk, seq) => {
          const chunkId = db
            .prepare(
              `INSERT INTO chunks (document_id, seq, text, heading, start_line, end_line, start_char, end_char, tokens)
               VALUES (?, ?, ?, ?, ?, ?, 0, ?, 12)`,
            )
            .run(documentId, seq, chunk.text, chunk.heading, chunk.startLine, chunk.endLine, chunk.text.length).lastInsertRowid;
          db.prepare('INSERT INTO chunks_fts (rowid, title, body) VALUES (?, ?, ?)').run(
            BigInt(chunkId), toIndexedText(`${doc.title ?? ''}\n${chunk.heading}`), toIndexedText(chunk.text),
          );
        });
      }
      db.prepare("INSERT INTO documents (folder_id, path, ext, size, mtime_ms, status, error_code, error, indexed_at) VALUES (?, ?, 'bin', 5, 1500, 'skipped', 'UNSUPPORTED_TYPE', 'bin files are not indexed', 2000)").run(folderId, `${V1_FOLDER}/photo.bin`);
    })();
  } finally {
    db.close();
  }
}
