/**
 * Writes of documents into the PostgreSQL store. One document is one transaction over documents, chunks (with
 * their analysed terms), vectors and its redaction report, so another client searching meanwhile sees the old
 * document or the new one, and a server that goes away mid-write leaves the old one.
 */
import type { PgClient, PgPool, PgQueryable } from '../../../../native/postgres.ts';
import type { DocumentFacts, DocumentProblemFacts, DocumentStatus, IndexedContent, StoredRedaction } from '../../ports.ts';
import { noticeSummary } from '../notice-summary.ts';
import { analyseChunk } from './text-search.ts';
import { inTransaction } from './transaction.ts';
import { vectorLiteral } from './vectors.ts';

export class PostgresDocuments {
  constructor(private readonly pool: PgPool) {}

  async writeDocument(facts: DocumentFacts, content: IndexedContent): Promise<void> {
    const { chunks, embedding } = content;
    if (embedding && embedding.vectors.length !== chunks.length) {
      throw new Error(`Got ${embedding.vectors.length} vectors for ${chunks.length} chunks`);
    }
    const headings = chunks.map((chunk) => chunk.headingPath.join(' > '));
    const analysed = chunks.map((chunk, index) => analyseChunk(`${facts.title ?? ''}\n${headings[index] ?? ''}`, chunk.text));
    const notice = noticeSummary(content.notices ?? []);
    await inTransaction(this.pool, async (client) => {
      const documentId = await upsertDocument(client, facts, 'indexed', notice ?? null, content);
      await replaceRedactions(client, documentId, content.redactions ?? []);
      // Vectors go with their chunks (ON DELETE CASCADE).
      await client.query('DELETE FROM chunks WHERE document_id = $1', [documentId]);
      if (chunks.length === 0) return;
      // One statement for all of a document's chunks: arrays unnested in order, ids returned with their seq.
      const inserted = await client.query<{ id: number; seq: number }>(
        `INSERT INTO chunks (document_id, seq, text, heading, start_line, end_line, page, start_char, end_char, tokens, role, terms, term_count)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[],
                                  $10::int[], $11::text[], $12::tsvector[], $13::int[])
         RETURNING id, seq`,
        [documentId, chunks.map((chunk) => chunk.seq), chunks.map((chunk) => chunk.text), headings,
          chunks.map((chunk) => chunk.startLine), chunks.map((chunk) => chunk.endLine), chunks.map((chunk) => chunk.page ?? null),
          chunks.map((chunk) => chunk.startChar), chunks.map((chunk) => chunk.endChar), chunks.map((chunk) => chunk.tokens),
          chunks.map((chunk) => chunk.role ?? null), analysed.map((chunk) => chunk.vector), analysed.map((chunk) => chunk.length)],
      );
      if (!embedding) return;
      const idBySeq = new Map(inserted.rows.map((row) => [row.seq, row.id]));
      await client.query(
        'INSERT INTO chunk_vectors (chunk_id, folder_id, embedding) SELECT id, $1, v::vector FROM unnest($2::int[], $3::text[]) AS t(id, v)',
        [facts.folderId, chunks.map((chunk) => idBySeq.get(chunk.seq)), embedding.vectors.map(vectorLiteral)],
      );
    });
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
  content?: IndexedContent,
): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO documents (folder_id, path, ext, format, title, size, mtime_ms, hash, status, error_code, error,
                            chunk_fingerprint, embed_fingerprint, indexed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (path) DO UPDATE SET folder_id = excluded.folder_id, ext = excluded.ext, format = excluded.format,
       title = excluded.title, size = excluded.size, mtime_ms = excluded.mtime_ms, hash = excluded.hash,
       status = excluded.status, error_code = excluded.error_code, error = excluded.error,
       chunk_fingerprint = excluded.chunk_fingerprint, embed_fingerprint = excluded.embed_fingerprint, indexed_at = excluded.indexed_at
     RETURNING id`,
    [facts.folderId, facts.path, facts.ext, facts.format ?? null, facts.title ?? null, facts.size, Math.trunc(facts.mtimeMs),
      facts.hash ?? null, status, problem?.code ?? null, problem?.message ?? null, content?.chunkFingerprint ?? null,
      content?.embedding?.fingerprint ?? null, facts.indexedAt],
  );
  return (rows[0] as { id: number }).id;
}

async function replaceRedactions(client: PgClient, documentId: number, redactions: readonly StoredRedaction[]): Promise<void> {
  await client.query('DELETE FROM redactions WHERE document_id = $1', [documentId]);
  if (redactions.length === 0) return;
  await client.query(
    'INSERT INTO redactions (document_id, kind, start_line, end_line) SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[])',
    [documentId, redactions.map((r) => r.kind), redactions.map((r) => r.startLine), redactions.map((r) => r.endLine)],
  );
}
