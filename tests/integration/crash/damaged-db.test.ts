/**
 * A damaged index is detected at start with one clear line and the way out, and `trove rebuild` moves the
 * damaged file aside (kept) and re-creates the index from the folder list: recovered from the damaged database
 * when it can still be read, else from folders.json. Real SQLite files, really damaged.
 */
import { existsSync } from 'node:fs';
import { open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../electron/core/errors.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { openSqlite } from '../../../native/sqlite.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { SAMPLE_FILES, writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** A data directory with an indexed folder (excluding *.csv, to check settings survive the rebuild). */
async function indexed(): Promise<{ dataDir: string; folder: string; db: string; trove: (...args: string[]) => ReturnType<typeof runCli> }> {
  const folder = await tempDir();
  await writeFiles(folder, SAMPLE_FILES);
  const dataDir = await tempDir();
  const trove = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
  expect((await trove('index', folder)).code).toBe(0);
  expect((await trove('folder', 'set', folder, '--exclude', '*.csv')).code).toBe(0);
  expect((await trove('index')).code).toBe(0);
  return { dataDir, folder, db: join(dataDir, 'trove.db'), trove };
}

/** Overwrites the root page of `table` with garbage (after a checkpoint, so the damage is in the main file). */
async function corruptTableRoot(dbFile: string, table: string): Promise<void> {
  const db = openSqlite(dbFile);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number };
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  db.close();
  const handle = await open(dbFile, 'r+');
  await handle.write(Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
  await handle.close();
}

function expectDamagedMessage(result: { code: number; stderr: string }, db: string): void {
  expect(result.code).toBe(1);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(new RegExp(`^trove: The index database ${db.replaceAll('/', '\\/')} is damaged`));
  expect(lines[1]).toMatch(/trove rebuild/);
  expect(lines).toHaveLength(2);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('a damaged index database', () => {
  it('truncated to garbage: every command says so; rebuild recovers the folders from folders.json', async () => {
    const { db, folder, dataDir, trove } = await indexed();
    const saved = JSON.parse(await readFile(join(dataDir, 'folders.json'), 'utf8'));
    expect(saved.folders).toEqual([{ path: folder, settings: { exclude: ['*.csv'] } }]);
    await rm(`${db}-wal`, { force: true });
    await rm(`${db}-shm`, { force: true });
    const garbage = Buffer.from('this is not an SQLite database, it was cut short by a crash'.repeat(20));
    await writeFile(db, garbage);

    expectDamagedMessage(await trove('search', 'vacation'), db);
    expectDamagedMessage(await trove('status'), db);
    expect(() => Store.open(db)).toThrow(StoreError);

    // Without --yes (and no terminal to ask on) nothing is touched.
    const refused = await trove('rebuild');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/trove rebuild --yes/);
    expect(await readFile(db)).toEqual(garbage);

    const rebuilt = await trove('rebuild', '--yes', '--json');
    expect(rebuilt.code).toBe(0);
    const report = JSON.parse(rebuilt.stdout);
    expect(report).toMatchObject({ recoveredFrom: 'folders.json', folders: [{ folder, indexed: 7 }] });
    expect(await readFile(report.movedTo)).toEqual(garbage);
    expect(report.movedTo).toMatch(/trove\.db\.damaged-\d{4}-\d{2}-\d{2}T/);

    const search = JSON.parse((await trove('search', 'vacation', '--json')).stdout);
    expect(search.results[0].path).toBe(join(folder, 'handbook/vacation.md'));
    const status = JSON.parse((await trove('status', '--json')).stdout);
    expect(status.folders[0].settings.exclude).toEqual(['*.csv']);
  });

  it('with a damaged page: detected at start; rebuild recovers folders and their settings from the damaged database', async () => {
    const { db, folder, dataDir, trove } = await indexed();
    await rm(join(dataDir, 'folders.json'));
    // What the person chose is kept; what described the old index's contents is made anew.
    const before = Store.open(db);
    before.meta.set('adapter_files', '["/models/tone.gguf"]');
    before.meta.set('api_server', 'on');
    before.meta.set('relevance_threshold:lexical:idf-window-coverage-2', '{"threshold":0.4}');
    before.meta.set('vector_layout', 'stale');
    before.dispose();
    await corruptTableRoot(db, 'chunks');
    expectDamagedMessage(await trove('search', 'vacation'), db);
    expectDamagedMessage(await trove('ask', 'vacation days'), db);

    const rebuilt = await trove('rebuild', '--yes');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/Rebuilt the index from database \(1 folders\)/);
    expect(rebuilt.stdout).toContain(`${folder}: 7 indexed`);
    const kept = (await readdir(dataDir)).filter((name) => name.startsWith('trove.db.damaged-'));
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(dataDir, 'folders.json'))).toBe(true);

    const store = Store.open(db);
    expect(store.integrityCheck()).toBe('ok');
    expect(store.folders.list().map((f) => f.path)).toEqual([folder]);
    expect(store.folders.settings(store.folders.list()[0]!.id)).toEqual({ exclude: ['*.csv'] });
    expect(store.meta.get('adapter_files')).toBe('["/models/tone.gguf"]');
    expect(store.meta.get('api_server')).toBe('on');
    expect(store.meta.get('relevance_threshold:lexical:idf-window-coverage-2')).toBe('{"threshold":0.4}');
    expect(store.meta.get('vector_layout')).not.toBe('stale');
    store.dispose();
    expect((await trove('search', 'vacation')).code).toBe(0);
  });

  it('with nothing recoverable, rebuild still starts a fresh, working index and says what to do', async () => {
    const { db, dataDir, trove } = await indexed();
    await rm(join(dataDir, 'folders.json'));
    await writeFile(db, Buffer.alloc(8192, 0x42));
    await rm(`${db}-wal`, { force: true });
    const rebuilt = await trove('rebuild', '--yes');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toMatch(/no folder list could be recovered: add your folders again with trove index <folder>/);
    expect((await trove('status')).code).toBe(0);
  });
});
