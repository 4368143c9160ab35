// The two-pass vector search (1-bit codes, then exact rescoring) held against exact cosine KNN, plus the
// bookkeeping around it: folder filters, deletes, model changes and the upgrades from older layouts.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { VECTOR_LAYOUT } from '../../../electron/core/store/sqlite/vector-layout.ts';
import { SHARDS } from '../../../electron/core/store/sqlite/code-scan.ts';
import type { DocumentFacts } from '../../../electron/core/ports.ts';
import { ClusteredVectors } from '../../../scripts/bench/synthetic.ts';
import { chunksOf } from '../../helpers/chunks.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { recallAt } from './vector-recall.ts';

const tempDir = useTempDirs();

async function openStore(): Promise<{ store: Store; file: string }> {
  const file = join(await tempDir(), 'trove.db');
  return { store: Store.open(file), file };
}

function facts(folderId: number, path: string): DocumentFacts {
  return { folderId, path, ext: 'md', size: 10, mtimeMs: 1000, indexedAt: 2000, hash: 'h', format: 'markdown' };
}

function rawCount(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  sqliteVec.load(db);
  const { n } = db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
  db.close();
  return n;
}

describe('quantised vector search', () => {
  it('finds the exact top 10 for at least 95% of queries on clustered, off-centre vectors', async () => {
    const { store } = await openStore();
    const source = new ClusteredVectors({ dimensions: 384, clusters: 60, offset: 1.5, seed: 11 });
    store.vectors.useFingerprint('e1', 384);
    store.transaction(() => {
      for (let id = 1; id <= 4000; id++) store.vectors.insert(id, 1 + (id % 3), source.next());
    });
    // 4,000 vectors passed the first calibration points: codes are taken against the data's centre.
    expect(Number(store.meta.get('vector_centre_count'))).toBeGreaterThanOrEqual(1024);
    const queries = Array.from({ length: 40 }, () => source.next());
    const recall = recallAt(store, queries, 10);
    console.log(`synthetic recall@10: ${recall.toFixed(3)}`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(recallAt(store, queries, 10, [2])).toBeGreaterThanOrEqual(0.95);
    // Scores are exact cosine similarities, not Hamming estimates.
    const stored = source.next();
    store.vectors.insert(9999, 1, stored);
    const [first] = store.vectors.nearest(stored, 1);
    expect(first?.id).toBe(9999);
    expect(first?.score).toBeCloseTo(1, 5);
    store.dispose();
  });

  it('keeps results within the requested folders', async () => {
    const { store } = await openStore();
    store.vectors.useFingerprint('e1', 16);
    const source = new ClusteredVectors({ dimensions: 16, clusters: 4, seed: 3 });
    const folderOf = new Map<number, number>();
    store.transaction(() => {
      for (let id = 1; id <= 600; id++) {
        folderOf.set(id, 1 + (id % 4));
        store.vectors.insert(id, 1 + (id % 4), source.next());
      }
    });
    const hits = store.vectors.nearest(source.next(), 50, [2, 4]);
    expect(hits).toHaveLength(50);
    expect(new Set(hits.map((hit) => folderOf.get(hit.id)))).toEqual(new Set([2, 4]));
    expect(store.vectors.nearest(source.next(), 5, [99])).toEqual([]);
    store.dispose();
  });

  it('deleting a document or a folder removes its vectors from both tables', async () => {
    const { store, file } = await openStore();
    store.vectors.useFingerprint('e1', 4);
    const keep = store.folders.add('/keep', 1);
    const drop = store.folders.add('/drop', 1);
    const vector = new Float32Array([1, 0, 0, 0]);
    const write = (folderId: number, path: string) =>
      store.documents.writeIndexed(facts(folderId, path), {
        chunks: chunksOf('one', 'two'),
        chunkFingerprint: 'c1',
        embedding: { vectors: [vector, vector], fingerprint: 'e1' },
      });
    write(keep.id, '/keep/a.md');
    write(keep.id, '/keep/b.md');
    write(drop.id, '/drop/c.md');
    expect([rawCount(file, 'chunk_vec_codes'), rawCount(file, 'chunk_vec_full')]).toEqual([6, 6]);
    const b = store.documents.stateByPath('/keep/b.md');
    store.documents.remove(b!.id);
    expect([rawCount(file, 'chunk_vec_codes'), rawCount(file, 'chunk_vec_full')]).toEqual([4, 4]);
    store.folders.remove(drop.id);
    expect([rawCount(file, 'chunk_vec_codes'), rawCount(file, 'chunk_vec_full')]).toEqual([2, 2]);
    expect(store.vectors.nearest(vector, 10)).toHaveLength(2);
    store.dispose();
  });

  it('a new embedding fingerprint recreates both tables for the new dimension', async () => {
    const { store, file } = await openStore();
    store.vectors.useFingerprint('e1', 4);
    store.transaction(() => {
      for (let id = 1; id <= 300; id++) store.vectors.insert(id, 1, new Float32Array([1, id, 0, 0]));
    });
    expect(store.vectors.useFingerprint('e2', 24)).toBe(true);
    expect([rawCount(file, 'chunk_vec_codes'), rawCount(file, 'chunk_vec_full')]).toEqual([0, 0]);
    expect(store.meta.get('vector_centre')).toBeUndefined();
    expect(() => store.vectors.insert(1, 1, new Float32Array(4))).toThrow(/4 dimensions/);
    const vector = Float32Array.from({ length: 24 }, (_, i) => i);
    store.vectors.insert(1, 1, vector);
    expect(store.vectors.nearest(vector, 3)).toEqual([{ id: 1, score: expect.closeTo(1, 5) }]);
    store.dispose();
  });

  it('converts an index of the old float layout in place, without re-embedding', async () => {
    const { store, file } = await openStore();
    const folder = store.folders.add('/docs', 1);
    store.documents.writeIndexed(facts(folder.id, '/docs/a.md'), { chunks: chunksOf('alpha', 'beta'), chunkFingerprint: 'c1' });
    store.dispose();
    // Recreate what an older Trove left behind: one float vec0 table and no layout version.
    const raw = new Database(file);
    sqliteVec.load(raw);
    raw.exec('CREATE VIRTUAL TABLE chunk_vec USING vec0(embedding float[4] distance_metric=cosine, folder_id integer)');
    const ids = (raw.prepare('SELECT id FROM chunks ORDER BY id').all() as { id: number }[]).map((row) => row.id);
    const insert = raw.prepare('INSERT INTO chunk_vec (rowid, embedding, folder_id) VALUES (?, ?, ?)');
    ids.forEach((id, i) => insert.run(BigInt(id), new Float32Array([i, 1, 0, 0]), BigInt(folder.id)));
    for (const [key, value] of [['vector_dims', '4'], ['embedding_fingerprint', 'e1']]) {
      raw.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(key, value);
    }
    raw.prepare("UPDATE documents SET embed_fingerprint = 'e1'").run();
    raw.close();

    const reopened = Store.open(file);
    expect(reopened.meta.get('vector_layout')).toBe(VECTOR_LAYOUT);
    expect(reopened.counts()).toMatchObject({ chunks: 2, vectors: 2, staleVectors: 0 });
    expect(reopened.vectors.useFingerprint('e1', 4)).toBe(false);
    expect(reopened.vectors.nearest(new Float32Array([1, 1, 0, 0]), 1)).toEqual([{ id: ids[1], score: expect.closeTo(1, 5) }]);
    reopened.dispose();
    expect(() => rawCount(file, 'chunk_vec')).toThrow(/no such table/);
  });

  it('moves the codes of a layout-2 index (8 shards) to the current shards, keeping every vector', async () => {
    const { store, file } = await openStore();
    const source = new ClusteredVectors({ dimensions: 24, clusters: 5, offset: 1.5, seed: 5 });
    store.vectors.useFingerprint('e1', 24);
    store.transaction(() => {
      for (let id = 1; id <= 300; id++) store.vectors.insert(id, 1, source.next());
    });
    const query = source.next();
    const exact = store.vectors.nearestExact(query, 5);
    store.dispose();
    // What layout 2 left behind: the same tables with codes in 8 shards.
    const raw = new Database(file);
    sqliteVec.load(raw);
    const codes = raw.prepare('SELECT rowid AS id, code, folder_id AS folderId FROM chunk_vec_codes').all() as { id: number; code: Buffer; folderId: number }[];
    raw.exec('DROP TABLE chunk_vec_codes');
    raw.exec('CREATE VIRTUAL TABLE chunk_vec_codes USING vec0(shard integer partition key, code bit[24], folder_id integer)');
    const insert = raw.prepare('INSERT INTO chunk_vec_codes (rowid, shard, code, folder_id) VALUES (?, ?, vec_bit(?), ?)');
    for (const row of codes) insert.run(BigInt(row.id), BigInt(row.id % 8), row.code, BigInt(row.folderId));
    raw.prepare("UPDATE meta SET value = '2' WHERE key = 'vector_layout'").run();
    raw.close();

    const reopened = Store.open(file);
    expect(reopened.meta.get('vector_layout')).toBe(VECTOR_LAYOUT);
    const check = new Database(file, { readonly: true });
    sqliteVec.load(check);
    const shards = check.prepare('SELECT rowid AS id, shard FROM chunk_vec_codes').all() as { id: number; shard: number }[];
    check.close();
    expect(shards).toHaveLength(300);
    expect(shards.every((row) => row.shard === row.id % SHARDS)).toBe(true);
    expect(reopened.vectors.nearest(query, 5)).toEqual(exact);
    reopened.dispose();
  });
});
