/**
 * Large search fixtures built straight through the store API (DocumentRepository.writeIndexed in big
 * transactions, no files, no extraction): N chunks of Zipf-vocabulary text with 384-dimension clustered
 * vectors, plus a bare float `vec0` table of the same vectors as the baseline sqlite-vec scan.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, rowid, type SqliteDatabase } from '../../native/sqlite.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import type { Chunk } from '../../electron/core/types.ts';
import { ClusteredVectors, ZipfText } from './synthetic.ts';

export const DIMENSIONS = 384;
export const FINGERPRINT = 'bench-synthetic-384';
const CHUNKS_PER_DOCUMENT = 8;
const DOCUMENTS_PER_TRANSACTION = 500;
const VOCABULARY = 50_000;

export interface SearchFixture {
  readonly dir: string;
  readonly store: Store;
  /** A second connection for the baseline table and bare queries. */
  readonly raw: SqliteDatabase;
  readonly chunks: number;
  readonly buildMs: number;
  readonly text: ZipfText;
  readonly vectors: ClusteredVectors;
}

export async function buildSearchFixture(chunks: number): Promise<SearchFixture> {
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'trove-bench-search-'));
  const store = Store.open(join(dir, 'trove.db'));
  const raw = openSqlite(join(dir, 'trove.db'));
  raw.exec(`CREATE VIRTUAL TABLE bench_float_vec USING vec0(embedding float[${DIMENSIONS}] distance_metric=cosine)`);
  store.vectors.useFingerprint(FINGERPRINT, DIMENSIONS);
  const fixture = {
    dir, store, raw, chunks, buildMs: 0,
    text: new ZipfText(VOCABULARY, 2),
    // A topic per 1,000 chunks with 25 subtopics of ~40: each chunk has a few dozen close neighbours.
    vectors: new ClusteredVectors({ dimensions: DIMENSIONS, clusters: Math.max(10, Math.round(chunks / 1000)), noise: 0.7, offset: 1.5, seed: 3 }),
  };
  const folder = store.folders.add('/bench/corpus', 1);
  const insertBaseline = raw.prepare('INSERT INTO bench_float_vec (rowid, embedding) VALUES (?, ?)');
  addDocuments(fixture, folder.id, '/bench/corpus', Math.ceil(chunks / CHUNKS_PER_DOCUMENT), CHUNKS_PER_DOCUMENT, (ids, vectors) => {
    raw.transaction(() => ids.forEach((id, i) => insertBaseline.run(rowid(id), vectors[i] as Float32Array)))();
  });
  return { ...fixture, buildMs: performance.now() - started };
}

/**
 * Writes `documents` documents of `chunksPerDocument` chunks each into `folderId`; `written` sees the chunk
 * ids and vectors of every committed batch.
 */
export function addDocuments(
  fixture: Pick<SearchFixture, 'store' | 'text' | 'vectors'>,
  folderId: number,
  prefix: string,
  documents: number,
  chunksPerDocument: number,
  written?: (chunkIds: number[], vectors: Float32Array[]) => void,
): void {
  const { store, text, vectors } = fixture;
  for (let first = 0; first < documents; first += DOCUMENTS_PER_TRANSACTION) {
    const batchVectors: Float32Array[] = [];
    const paths: string[] = [];
    store.transaction(() => {
      for (let doc = first; doc < Math.min(documents, first + DOCUMENTS_PER_TRANSACTION); doc++) {
        const chunks = Array.from({ length: chunksPerDocument }, (_, seq) => syntheticChunk(text, seq));
        const docVectors = chunks.map(() => vectors.next());
        const path = `${prefix}/doc-${doc}.md`;
        store.documents.writeIndexed(
          { folderId, path, ext: 'md', format: 'markdown', title: text.text(3), size: 4096, mtimeMs: 1, indexedAt: 1 },
          { chunks, chunkFingerprint: 'bench', embedding: { vectors: docVectors, fingerprint: FINGERPRINT } },
        );
        batchVectors.push(...docVectors);
        paths.push(path);
      }
    });
    if (written) written(chunkIdsOf(store, paths), batchVectors);
  }
}

function chunkIdsOf(store: Store, paths: readonly string[]): number[] {
  return paths.flatMap((path) => {
    const state = store.documents.stateByPath(path);
    return state ? store.documents.chunksOf(state.id).map((chunk) => chunk.id) : [];
  });
}

/** 40–200 words (real chunks are up to 400 tokens; shorter ones keep the 1M build to minutes). */
function syntheticChunk(text: ZipfText, seq: number): Chunk {
  const body = text.text(40 + ((seq * 37) % 161));
  return { seq, text: body, headingPath: [], startLine: seq * 10 + 1, endLine: seq * 10 + 9, startChar: 0, endChar: body.length, tokens: 0 };
}

export function disposeFixture(fixture: SearchFixture): void {
  fixture.raw.close();
  fixture.store.dispose();
}
