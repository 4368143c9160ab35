/**
 * Schema migrations run forward on an older index without losing anything, and a migration that fails midway
 * leaves the database at the version before it, with its data untouched.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate, type Migration } from '../../../electron/core/store/sqlite/migrations.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { openSqlite } from '../../../native/sqlite.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { buildV1Database, V1_DOCUMENTS, V1_FOLDER } from './v1-fixture.ts';

const tempDir = useTempDirs();

function snapshot(file: string) {
  const db = openSqlite(file, { readonly: true });
  try {
    return {
      version: Number(db.pragma('user_version', { simple: true })),
      meta: db.prepare('SELECT key, value FROM meta ORDER BY key').all(),
      folders: db.prepare('SELECT id, path, settings, status, added_at, indexed_at FROM folders ORDER BY id').all(),
      documents: db.prepare('SELECT id, folder_id, path, ext, format, title, size, mtime_ms, hash, status, error_code, error, chunk_fingerprint, indexed_at FROM documents ORDER BY id').all(),
      chunks: db.prepare('SELECT id, document_id, seq, text, heading, start_line, end_line, page, start_char, end_char, tokens FROM chunks ORDER BY id').all(),
      fullText: db.prepare('SELECT id FROM chunks_fts_docsize ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

describe('migrations on a version-1 index', () => {
  it('the fixture is exactly version 1, with data in every table', async () => {
    const file = join(await tempDir(), 'trove.db');
    buildV1Database(file);
    const v1 = snapshot(file);
    expect(v1.version).toBe(1);
    expect(v1.chunks).toHaveLength(3);
    expect(v1.fullText).toHaveLength(3);
    const db = openSqlite(file, { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    db.close();
    expect(tables).not.toContain('jobs');
    expect(tables).not.toContain('audit');
  });

  it('opening it with the current Store migrates to the latest version and keeps every row; search works', async () => {
    const file = join(await tempDir(), 'trove.db');
    buildV1Database(file);
    const before = snapshot(file);
    const store = Store.open(file);
    store.dispose();
    const after = snapshot(file);
    expect(after.version).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThan(1);
    // Files skipped as unsupported get a stat that cannot match (migration 9), so the next run reads them again
    // now that more formats and content sniffing exist; every other row is unchanged.
    const skippedUnsupported = (doc: unknown) => (doc as { status: string; error_code: string | null }).status === 'skipped' && (doc as { error_code: string | null }).error_code === 'UNSUPPORTED_TYPE';
    expect(after.documents.filter(skippedUnsupported).map((doc) => (doc as { mtime_ms: number }).mtime_ms)).toEqual(
      before.documents.filter(skippedUnsupported).map(() => -1),
    );
    expect(before.documents.some(skippedUnsupported)).toBe(true);
    const restored = after.documents.map((doc, i) => (skippedUnsupported(doc) ? { ...(doc as object), mtime_ms: (before.documents[i] as { mtime_ms: number }).mtime_ms } : doc));
    expect({ ...after, version: 1, documents: restored }).toEqual(before);

    const engine = new Engine({ store: Store.open(file) });
    expect(engine.store.integrityCheck()).toBe('ok');
    expect(engine.store.orphans()).toEqual({ chunks: 0, fullText: 0 });
    expect(engine.store.folders.settings(1)).toEqual({ exclude: ['*.tmp'] });
    for (const doc of V1_DOCUMENTS) {
      for (const chunk of doc.chunks) {
        const { results } = await engine.search(chunk.text, { mode: 'bm25', k: 1 });
        expect(results[0]).toMatchObject({ path: doc.path, text: chunk.text, startLine: chunk.startLine, endLine: chunk.endLine });
      }
    }
    // Tables of later versions work on the migrated file.
    expect(engine.store.jobs.pendingCount()).toBe(0);
    expect(engine.store.audit.count()).toBe(0);
    expect(engine.status().problems).toEqual([{ path: `${V1_FOLDER}/photo.bin`, status: 'skipped', code: 'UNSUPPORTED_TYPE', message: 'bin files are not indexed' }]);
    await engine.dispose();
  });

  it('a migration that fails midway leaves the previous version and its data intact', async () => {
    const file = join(await tempDir(), 'trove.db');
    buildV1Database(file);
    const before = snapshot(file);
    const failing: Migration = {
      version: 2,
      description: 'fails after doing half its work',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        db.exec("UPDATE chunks SET text = 'overwritten'");
        throw new Error('simulated failure in the middle of a migration');
      },
    };
    const db = openSqlite(file);
    expect(() => migrate(db, [...MIGRATIONS.slice(0, 1), failing])).toThrow(/simulated failure/);
    db.close();
    expect(snapshot(file)).toEqual(before);
    const check = openSqlite(file, { readonly: true });
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    check.close();

    // The real migrations still run on it afterwards.
    Store.open(file).dispose();
    expect(snapshot(file).version).toBe(LATEST_SCHEMA_VERSION);
  });

  it('a later migration failing keeps the earlier ones that succeeded', async () => {
    const file = join(await tempDir(), 'trove.db');
    buildV1Database(file);
    const failing: Migration = { version: 3, description: 'fails', up: () => { throw new Error('boom'); } };
    const db = openSqlite(file);
    expect(() => migrate(db, [...MIGRATIONS.slice(0, 2), failing])).toThrow('boom');
    expect(Number(db.pragma('user_version', { simple: true }))).toBe(2);
    db.close();
  });
});
