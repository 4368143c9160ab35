/**
 * Writes of documents into the PostgreSQL store. One document (or one batch, document-batch.ts) is one
 * transaction over documents, chunks (with their analysed terms), vectors and redaction reports, so another
 * client searching meanwhile sees the old document or the new one, and a server that goes away mid-write
 * leaves the old one.
 */
import type { PgPool, PgQueryable } from '../../../../native/postgres.ts';
import type { DocumentFacts, DocumentProblemFacts, DocumentStatus, IndexedContent } from '../../ports.ts';
import { writeBatch, type DocumentWrite } from './document-batch.ts';
import { inTransaction } from './transaction.ts';
import { vectorLiteral } from './vectors.ts';

export class PostgresDocuments {
  constructor(private readonly pool: PgPool) {}

  writeDocument(facts: DocumentFacts, content: IndexedContent): Promise<void> {
    return this.writeDocuments([{ facts, content }]);
  }

  /** Many documents in one transaction and a fixed number of statements (document-batch.ts). */
  async writeDocuments(batch: readonly DocumentWrite[]): Promise<void> {
    await inTransaction(this.pool, (client) => writeBatch(client, batch));
  }

  /** Records a file that was not indexed, with its reason; any chunks (and their vectors) it had are removed. */
  async writeProblem(facts: DocumentFacts, problem: DocumentProblemFacts): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const documentId = await upsertDocument(client, facts, problem.status, problem);
      await client.query('DELETE FROM chunks WHERE document_id = $1', [documentId]);
    });
  }

  async touch(documentId: number, size: number, mtimeMs: number): Promise<void> {
    await this.pool.query('UPDATE documents SET size = $1, mtime_ms = $2 WHERE id = $3', [size, Math.trunc(mtimeMs), documentId]);
  }

  /** Re-embedded chunks: their vectors replaced and the document's fingerprint moved, in one transaction. */
  async writeVectors(documentId: number, folderId: number, chunkIds: readonly number[], vectors: readonly Float32Array[], fingerprint: string): Promise<void> {
    const pairs = chunkIds.flatMap((id, index) => {
      const vector = vectors[index];
      return vector ? [{ id, literal: vectorLiteral(vector) }] : [];
    });
    await inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM chunk_vectors WHERE chunk_id IN (SELECT id FROM chunks WHERE document_id = $1)', [documentId]);
      await client.query(
        'INSERT INTO chunk_vectors (chunk_id, folder_id, embedding) SELECT id, $1, v::vector FROM unnest($2::int[], $3::text[]) AS t(id, v)',
        [folderId, pairs.map((pair) => pair.id), pairs.map((pair) => pair.literal)],
      );
      await client.query('UPDATE documents SET embed_fingerprint = $1 WHERE id = $2', [fingerprint, documentId]);
    });
  }

  async removeDocument(path: string): Promise<void> {
    await this.pool.query('DELETE FROM documents WHERE path = $1', [path]);
  }

  /** Registers a folder (or finds it) and returns its id. */
  async addFolder(path: string, now: number): Promise<number> {
    const { rows } = await this.pool.query<{ id: number }>(
      'INSERT INTO folders (path, added_at) VALUES ($1, $2) ON CONFLICT (path) DO UPDATE SET path = excluded.path RETURNING id',
      [path, now],
    );
    return (rows[0] as { id: number }).id;
  }
}

/** Inserts or replaces the document row at `facts.path`; returns its id. */
async function upsertDocument(
  client: PgQueryable,
  facts: DocumentFacts,
  status: DocumentStatus,
  problem: { code: string; message: string } | null,
): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO documents (folder_id, path, ext, format, title, size, mtime_ms, hash, status, error_code, error,
                            chunk_fingerprint, embed_fingerprint, indexed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (path) DO UPDATE SET folder_id = excluded.folder_id, ext = excluded.ext, format = excluded.format,
       title = excluded.title, size = excluded.size, mtime_ms = excluded.mtime_ms, hash = excluded.hash,
       status = excluded.status, error_code = excluded.error_code, error = excluded.error,
       chunk_fingerprint = excluded.chunk_fingerprint, embed_fingerprint = excluded.embed_fingerprint, indexed_at = excluded.indexed_at,
       chunk_count = 0
     RETURNING id`,
    [facts.folderId, facts.path, facts.ext, facts.format ?? null, facts.title ?? null, facts.size, Math.trunc(facts.mtimeMs),
      facts.hash ?? null, status, problem?.code ?? null, problem?.message ?? null, null, null, facts.indexedAt],
  );
  return (rows[0] as { id: number }).id;
}
