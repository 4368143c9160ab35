/**
 * Writes and reads of documents and their chunks. Every write of one document is a single transaction over
 * documents, chunks, the full-text index and the vectors, so a crash never leaves half a document.
 */
import { sep } from 'node:path';
import type { SqliteDatabase } from '../../../../native/sqlite.ts';
import type { DocumentFacts, IndexedContent } from '../../ports.ts';
import { toIndexedText } from '../../search/analyze.ts';
import { noticeSummary } from '../notice-summary.ts';
import type { DocumentProblem, DocumentState, DocumentStatus } from './rows.ts';
import type { VectorTable } from './vector-table.ts';

export class DocumentRepository {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly vectors: VectorTable,
  ) {}

  /** Everything the indexer needs to skip unchanged files, keyed by absolute path. */
  statesForFolder(folderId: number): Map<string, DocumentState> {
    const rows = this.db
      .prepare(
        `SELECT id, path, size, mtime_ms AS mtimeMs, hash, status, error_code AS errorCode, chunk_fingerprint AS chunkFingerprint,
                embed_fingerprint AS embedFingerprint
         FROM documents WHERE folder_id = ?`,
      )
      .all(folderId) as DocumentState[];
    return new Map(rows.map((row) => [row.path, row]));
  }

  stateByPath(path: string): DocumentState | undefined {
    return this.db
      .prepare(
        `SELECT id, path, size, mtime_ms AS mtimeMs, hash, status, error_code AS errorCode, chunk_fingerprint AS chunkFingerprint,
                embed_fingerprint AS embedFingerprint
         FROM documents WHERE path = ?`,
      )
      .get(path) as DocumentState | undefined;
  }

  /** Paths of a folder's documents at or under `dir` (a removed directory), for removal jobs. */
  pathsUnder(folderId: number, dir: string): string[] {
    const prefix = dir.endsWith(sep) ? dir : `${dir}${sep}`;
    const rows = this.db
      .prepare('SELECT path FROM documents WHERE folder_id = ? AND substr(path, 1, ?) = ?')
      .all(folderId, prefix.length, prefix) as { path: string }[];
    return rows.map((row) => row.path);
  }

  writeIndexed(facts: DocumentFacts, content: IndexedContent): void {
    if (content.embedding && content.embedding.vectors.length !== content.chunks.length) {
      throw new Error(`Got ${content.embedding.vectors.length} vectors for ${content.chunks.length} chunks`);
    }
    this.db.transaction(() => {
      const notice = noticeSummary(content.notices ?? []);
      const documentId = this.upsert(facts, 'indexed', notice?.code ?? null, notice?.message ?? null, content);
      this.deleteChunks(documentId);
      const insertChunk = this.db.prepare(
        `INSERT INTO chunks (document_id, seq, text, heading, start_line, end_line, page, start_char, end_char, tokens, role, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertFts = this.db.prepare('INSERT INTO chunks_fts (rowid, title, body) VALUES (?, ?, ?)');
      content.chunks.forEach((chunk, index) => {
        const heading = chunk.headingPath.join(' > ');
        const { lastInsertRowid } = insertChunk.run(
          documentId, chunk.seq, chunk.text, heading, chunk.startLine, chunk.endLine, chunk.page ?? null,
          chunk.startChar, chunk.endChar, chunk.tokens, chunk.role ?? null, chunk.origin ?? null,
        );
        const chunkId = Number(lastInsertRowid);
        insertFts.run(chunkId, toIndexedText(`${facts.title ?? ''}\n${heading}`), toIndexedText(chunk.text));
        const vector = content.embedding?.vectors[index];
        if (vector) this.vectors.insert(chunkId, facts.folderId, vector);
      });
    })();
  }

  /** Records a file that was not indexed, with its reason; any chunks it had before are removed. */
  writeProblem(facts: DocumentFacts, problem: { status: 'skipped' | 'failed'; code: string; message: string }): void {
    this.db.transaction(() => {
      const documentId = this.upsert(facts, problem.status, problem.code, problem.message);
      this.deleteChunks(documentId);
    })();
  }

  /**
   * The folder's files with these extensions are read again on the next run, whatever their status (a setting
   * that changes what they yield, such as OCR, was changed): a stat that cannot match makes them look changed.
   */
  markForReread(folderId: number, extensions: readonly string[]): void {
    if (extensions.length === 0) return;
    this.db
      .prepare(`UPDATE documents SET mtime_ms = -1, hash = NULL WHERE folder_id = ? AND ext IN (${extensions.map(() => '?').join(',')})`)
      .run(folderId, ...extensions);
  }

  /** The file's bytes are unchanged (same hash): only its stat facts move. */
  touch(documentId: number, size: number, mtimeMs: number): void {
    this.db.prepare('UPDATE documents SET size = ?, mtime_ms = ? WHERE id = ?').run(size, mtimeMs, documentId);
  }

  /** Chunk ids and texts of a document, in order, to re-embed without re-reading the file. */
  chunksOf(documentId: number): { id: number; text: string }[] {
    return this.db
      .prepare('SELECT id, text FROM chunks WHERE document_id = ? ORDER BY seq')
      .all(documentId) as { id: number; text: string }[];
  }

  writeVectors(documentId: number, folderId: number, chunkIds: readonly number[], vectors: readonly Float32Array[], fingerprint: string): void {
    this.db.transaction(() => {
      this.vectors.deleteForDocument(documentId);
      chunkIds.forEach((chunkId, index) => {
        const vector = vectors[index];
        if (vector) this.vectors.insert(chunkId, folderId, vector);
      });
      this.db.prepare('UPDATE documents SET embed_fingerprint = ? WHERE id = ?').run(fingerprint, documentId);
    })();
  }

  remove(documentId: number): void {
    this.db.transaction(() => {
      this.deleteChunks(documentId);
      this.db.prepare('DELETE FROM documents WHERE id = ?').run(documentId);
    })();
  }

  problems(folderId?: number): DocumentProblem[] {
    return this.db
      .prepare(
        `SELECT path, status, error_code AS code, error AS message FROM documents
         WHERE (status != 'indexed' OR error_code IS NOT NULL) AND (@folderId IS NULL OR folder_id = @folderId) ORDER BY status, path`,
      )
      .all({ folderId: folderId ?? null }) as DocumentProblem[];
  }

  private upsert(
    facts: DocumentFacts,
    status: DocumentStatus,
    errorCode: string | null,
    error: string | null,
    content?: IndexedContent,
  ): number {
    const row = this.db
      .prepare(
        `INSERT INTO documents (folder_id, path, ext, format, title, size, mtime_ms, hash, status, error_code, error,
                                chunk_fingerprint, embed_fingerprint, indexed_at)
         VALUES (@folderId, @path, @ext, @format, @title, @size, @mtimeMs, @hash, @status, @errorCode, @error,
                 @chunkFingerprint, @embedFingerprint, @indexedAt)
         ON CONFLICT(path) DO UPDATE SET
           folder_id = excluded.folder_id, ext = excluded.ext, format = excluded.format, title = excluded.title,
           size = excluded.size, mtime_ms = excluded.mtime_ms, hash = excluded.hash, status = excluded.status,
           error_code = excluded.error_code, error = excluded.error, chunk_fingerprint = excluded.chunk_fingerprint,
           embed_fingerprint = excluded.embed_fingerprint, indexed_at = excluded.indexed_at
         RETURNING id`,
      )
      .get({
        folderId: facts.folderId,
        path: facts.path,
        ext: facts.ext,
        format: facts.format ?? null,
        title: facts.title ?? null,
        size: facts.size,
        mtimeMs: Math.trunc(facts.mtimeMs),
        hash: facts.hash ?? null,
        status,
        errorCode,
        error,
        chunkFingerprint: content?.chunkFingerprint ?? null,
        embedFingerprint: content?.embedding?.fingerprint ?? null,
        indexedAt: facts.indexedAt,
      }) as { id: number };
    return row.id;
  }

  private deleteChunks(documentId: number): void {
    this.db
      .prepare('DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE document_id = ?)')
      .run(documentId);
    this.vectors.deleteForDocument(documentId);
    this.db.prepare('DELETE FROM chunks WHERE document_id = ?').run(documentId);
  }
}
