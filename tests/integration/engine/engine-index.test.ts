import { readFile, rm, writeFile, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { extractReadFile } from '../../../electron/core/extract/index.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { FolderError } from '../../../electron/core/errors.ts';
import { HashingEmbedder } from '../../helpers/fake-embedder.ts';
import { SAMPLE_FILES, writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function setup(extract = extractReadFile, embedder?: HashingEmbedder) {
  const folder = await tempDir();
  await writeFiles(folder, SAMPLE_FILES);
  const store = Store.open(join(await tempDir(), 'trove.db'));
  const engine = new Engine({ store, embedder, extract });
  return { folder, engine };
}

async function topPath(engine: Engine, query: string, mode: 'bm25' | 'vector' | 'hybrid' = 'bm25') {
  return (await engine.search(query, { mode, k: 3 })).results[0]?.path;
}

describe('Engine indexing and search on a real folder', () => {
  it('indexes every supported format and finds each file by its own words', async () => {
    const { folder, engine } = await setup();
    await writeFiles(folder, { 'photo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]) });
    const [summary] = await engine.index([folder]);
    expect(summary).toMatchObject({ files: 9, indexed: 8, skipped: 1, failed: 0 });
    expect(await topPath(engine, 'how many vacation days')).toBe(join(folder, 'handbook/vacation.md'));
    expect(await topPath(engine, 'quarterly roadmap')).toBe(join(folder, 'notes/meeting.txt'));
    expect(await topPath(engine, 'laptop first day')).toBe(join(folder, 'site/index.html'));
    expect(await topPath(engine, 'Osaka')).toBe(join(folder, 'data/offices.csv'));
    expect(await topPath(engine, 'telemetry')).toBe(join(folder, 'config/settings.json'));
    expect(await topPath(engine, 'greet name')).toBe(join(folder, 'src/greeting.ts'));
    expect(engine.status().problems).toEqual([
      expect.objectContaining({ path: join(folder, 'photo.png'), status: 'skipped', code: 'UNSUPPORTED_TYPE' }),
    ]);
    await engine.dispose();
  });

  it('returns spans whose lines really contain the passage', async () => {
    const { folder, engine } = await setup();
    await engine.index([folder]);
    const { results } = await engine.search('receipts reimbursement', { mode: 'bm25', k: 1 });
    const hit = results[0];
    expect(hit?.path).toBe(join(folder, 'handbook/vacation.md'));
    const lines = (await readFile(hit!.path, 'utf8')).split('\n').slice(hit!.startLine - 1, hit!.endLine).join('\n');
    expect(lines).toContain('Submit receipts for reimbursement within thirty days.');
    expect(hit!.heading).toContain('Expenses');
    await engine.dispose();
  });

  it('leaves navigation chrome of HTML pages out of the index', async () => {
    const { folder, engine } = await setup();
    await engine.index([folder]);
    expect(await topPath(engine, 'copyright footer')).toBeUndefined();
    await engine.dispose();
  });

  it('matches accent-free queries and Japanese text without spaces', async () => {
    const { folder, engine } = await setup();
    await engine.index([folder]);
    expect(await topPath(engine, 'cafe creme zurich')).toBe(join(folder, 'i18n/cafe.md'));
    expect(await topPath(engine, '首都')).toBe(join(folder, 'i18n/tokyo.md'));
    expect(await topPath(engine, '東京')).toBe(join(folder, 'i18n/tokyo.md'));
    await engine.dispose();
  });

  it('re-indexing skips unchanged files, picks up edits and forgets deleted files', async () => {
    const { folder, engine } = await setup();
    await engine.index([folder]);
    const [again] = await engine.index([folder]);
    expect(again).toMatchObject({ indexed: 0, unchanged: 8, removed: 0 });

    await writeFile(join(folder, 'notes/meeting.txt'), 'The offsite moved to Lisbon harbour.\n');
    const future = new Date(Date.now() + 5000);
    await utimes(join(folder, 'notes/meeting.txt'), future, future);
    await rm(join(folder, 'src/greeting.ts'));
    const [changed] = await engine.index([]);
    expect(changed).toMatchObject({ indexed: 1, removed: 1 });
    expect(await topPath(engine, 'quarterly roadmap')).toBeUndefined();
    expect(await topPath(engine, 'offsite harbour')).toBe(join(folder, 'notes/meeting.txt'));
    expect(await topPath(engine, 'greet name')).toBeUndefined();
    await engine.dispose();
  });

  it('a touched file with the same bytes is not re-processed', async () => {
    const { folder, engine } = await setup();
    await engine.index([folder]);
    const future = new Date(Date.now() + 5000);
    await utimes(join(folder, 'handbook/vacation.md'), future, future);
    const [summary] = await engine.index([folder]);
    expect(summary).toMatchObject({ indexed: 0, unchanged: 8 });
    await engine.dispose();
  });

  it('records a file that cannot be read and indexes the rest', async () => {
    const unreadable = 'notes/meeting.txt';
    const { folder, engine } = await setup(async (path, bytes) => {
      if (path.endsWith(unreadable)) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      return extractReadFile(path, bytes);
    });
    const [summary] = await engine.index([folder]);
    expect(summary).toMatchObject({ indexed: 7, failed: 1 });
    expect(engine.status().problems).toContainEqual(
      expect.objectContaining({ path: join(folder, unreadable), status: 'failed', code: 'PERMISSION_DENIED' }),
    );
    expect(await topPath(engine, 'vacation')).toBe(join(folder, 'handbook/vacation.md'));
    await engine.dispose();
  });

  it('refuses a folder that does not exist, with a FolderError naming it', async () => {
    const { engine } = await setup();
    await expect(engine.index(['/no/such/folder'])).rejects.toThrow(FolderError);
    await expect(engine.index(['/no/such/folder'])).rejects.toThrow('/no/such/folder');
    await engine.dispose();
  });

  it('hybrid search fuses BM25 and vectors when an embedder is present', async () => {
    const embedder = new HashingEmbedder(64);
    const { folder, engine } = await setup(extractReadFile, embedder);
    await engine.index([folder]);
    expect(engine.status().counts.vectors).toBe(engine.status().counts.chunks);
    const hybrid = await engine.search('vacation days', { mode: 'hybrid', k: 3 });
    expect(hybrid.mode).toBe('hybrid');
    expect(hybrid.results[0]?.path).toBe(join(folder, 'handbook/vacation.md'));
    expect(await topPath(engine, 'Lisbon Portugal desks', 'vector')).toBe(join(folder, 'data/offices.csv'));
    await engine.dispose();
  });

  it('without an embedder, hybrid search runs BM25 only and says so', async () => {
    const { folder, engine } = await setup();
    await engine.index([folder]);
    const response = await engine.search('vacation', { mode: 'hybrid' });
    expect(response.mode).toBe('bm25');
    expect(response.notices.join(' ')).toMatch(/No embedding model configured.*BM25 only/);
    await expect(engine.search('vacation', { mode: 'vector' })).rejects.toThrow(/embedding model/);
    await engine.dispose();
  });

  it('forget removes the folder and its documents from search', async () => {
    const { folder, engine } = await setup();
    await engine.index([folder]);
    engine.forget(folder);
    expect(await topPath(engine, 'vacation')).toBeUndefined();
    expect(engine.status()).toMatchObject({ folders: [], counts: { documents: 0, chunks: 0 } });
    await engine.dispose();
  });
});
