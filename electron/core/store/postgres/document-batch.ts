/**
 * Writes many documents in one transaction with a fixed number of statements, whatever their count: each
 * table's rows go as arrays unnested server-side (`INSERT … SELECT FROM unnest($1::int[], …)`; vectors in binary, vector-binary.ts), so loading a
 * corpus costs a handful of round trips per batch instead of seven per document. One document is a batch of
 * one: the engine's writes and bulk loads run the same statements. The batch commits whole or not at all, so a
 * document's chunks, vectors and redactions stay atomic and a server lost mid-batch leaves every document as
 * it was before the batch.
 */
import type { PgClient } from '../../../../native/postgres.ts';
import type { DocumentFacts, IndexedContent } from '../../ports.ts';
import { noticeSummary } from '../notice-summary.ts';
import { analyseChunk } from './text-search.ts';
import { binaryVectorArray, vectorTypeOid } from './vector-binary.ts';

export interface DocumentWrite {
  readonly facts: DocumentFacts;
  readonly content: IndexedContent;
}

/** Writes `batch` on `client`, inside the caller's transaction. A path written twice keeps its last write. */
export async function writeBatch(client: PgClient, batch: readonly DocumentWrite[]): Promise<void> {
  const writes = [...new Map(batch.map((write) => [write.facts.path, write])).values()];
  if (writes.length === 0) return;
  for (const { facts, content } of writes) {
    if (content.embedding && content.embedding.vectors.length !== content.chunks.length) {
      throw new Error(`Got ${content.embedding.vectors.length} vectors for ${content.chunks.length} chunks of ${facts.path}`);
    }
  }
  const documentIds = await upsertDocuments(client, writes);
  await client.query('DELETE FROM redactions WHERE document_id = ANY($1::int[])', [documentIds]);
  await insertRedactions(client, writes, documentIds);
  // Vectors go with their chunks (ON DELETE CASCADE).
  await client.query('DELETE FROM chunks WHERE document_id = ANY($1::int[])', [documentIds]);
  await insertChunks(client, writes, documentIds);
}

/** Inserts or replaces the document rows; returns their ids in the order of `writes`. */
async function upsertDocuments(client: PgClient, writes: readonly DocumentWrite[]): Promise<number[]> {
  const column = <T>(pick: (write: DocumentWrite) => T) => writes.map(pick);
  const notices = writes.map((write) => noticeSummary(write.content.notices ?? []));
  const { rows } = await client.query<{ id: number; path: string }>(
    `INSERT INTO documents (folder_id, path, ext, format, title, size, mtime_ms, hash, status, error_code, error,
                            chunk_fingerprint, embed_fingerprint, indexed_at, chunk_count)
     SELECT folder_id, path, ext, format, title, size, mtime_ms, hash, 'indexed', error_code, error, chunk_fingerprint, embed_fingerprint, indexed_at, chunk_count
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::text[],
                 $9::text[], $10::text[], $11::text[], $12::text[], $13::bigint[], $14::int[])
       AS t(folder_id, path, ext, format, title, size, mtime_ms, hash, error_code, error, chunk_fingerprint, embed_fingerprint, indexed_at, chunk_count)
     ON CONFLICT (path) DO UPDATE SET folder_id = excluded.folder_id, ext = excluded.ext, format = excluded.format,
       title = excluded.title, size = excluded.size, mtime_ms = excluded.mtime_ms, hash = excluded.hash,
       status = excluded.status, error_code = excluded.error_code, error = excluded.error,
       chunk_fingerprint = excluded.chunk_fingerprint, embed_fingerprint = excluded.embed_fingerprint, indexed_at = excluded.indexed_at,
       chunk_count = excluded.chunk_count
     RETURNING id, path`,
    [column((w) => w.facts.folderId), column((w) => w.facts.path), column((w) => w.facts.ext), column((w) => w.facts.format ?? null),
      column((w) => w.facts.title ?? null), column((w) => w.facts.size), column((w) => Math.trunc(w.facts.mtimeMs)),
      column((w) => w.facts.hash ?? null), notices.map((notice) => notice?.code ?? null), notices.map((notice) => notice?.message ?? null),
      column((w) => w.content.chunkFingerprint ?? null), column((w) => w.content.embedding?.fingerprint ?? null), column((w) => w.facts.indexedAt),
      column((w) => w.content.chunks.length)],
  );
  const idByPath = new Map(rows.map((row) => [row.path, row.id]));
  return writes.map((write) => idByPath.get(write.facts.path) as number);
}

async function insertRedactions(client: PgClient, writes: readonly DocumentWrite[], documentIds: readonly number[]): Promise<void> {
  const rows = writes.flatMap((write, index) => (write.content.redactions ?? []).map((redaction) => ({ documentId: documentIds[index], redaction })));
  if (rows.length === 0) return;
  await client.query(
    'INSERT INTO redactions (document_id, kind, start_line, end_line) SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::int[])',
    [rows.map((row) => row.documentId), rows.map((row) => row.redaction.kind), rows.map((row) => row.redaction.startLine),
      rows.map((row) => row.redaction.endLine)],
  );
}

/** All the batch's chunks in one statement (their terms analysed here), then their vectors in another. */
async function insertChunks(client: PgClient, writes: readonly DocumentWrite[], documentIds: readonly number[]): Promise<void> {
  const rows = writes.flatMap((write, index) => {
    const title = write.facts.title ?? '';
    return write.content.chunks.map((chunk, at) => {
      const heading = chunk.headingPath.join(' > ');
      return { documentId: documentIds[index] as number, chunk, heading, analysed: analyseChunk(`${title}\n${heading}`, chunk.text),
        vector: write.content.embedding?.vectors[at], folderId: write.facts.folderId };
    });
  });
  if (rows.length === 0) return;
  const inserted = await client.query<{ id: number; document_id: number; seq: number }>(
    `INSERT INTO chunks (document_id, seq, text, heading, start_line, end_line, page, start_char, end_char, tokens, role, terms, term_count)
     SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[],
                          $10::int[], $11::text[], $12::tsvector[], $13::int[])
     RETURNING id, document_id, seq`,
    [rows.map((row) => row.documentId), rows.map((row) => row.chunk.seq), rows.map((row) => row.chunk.text), rows.map((row) => row.heading),
      rows.map((row) => row.chunk.startLine), rows.map((row) => row.chunk.endLine), rows.map((row) => row.chunk.page ?? null),
      rows.map((row) => row.chunk.startChar), rows.map((row) => row.chunk.endChar), rows.map((row) => row.chunk.tokens),
      rows.map((row) => row.chunk.role ?? null), rows.map((row) => row.analysed.vector), rows.map((row) => row.analysed.length)],
  );
  const embedded = rows.filter((row) => row.vector !== undefined);
  if (embedded.length === 0) return;
  const idOf = new Map(inserted.rows.map((row) => [`${row.document_id}:${row.seq}`, row.id]));
  await client.query(
    'INSERT INTO chunk_vectors (chunk_id, folder_id, embedding) SELECT * FROM unnest($1::int[], $2::int[], $3::vector[])',
    [embedded.map((row) => idOf.get(`${row.documentId}:${row.chunk.seq}`)), embedded.map((row) => row.folderId),
      binaryVectorArray(embedded.map((row) => row.vector as Float32Array), await vectorTypeOid(client))],
  );
}
