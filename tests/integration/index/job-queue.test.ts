// The durable queue and the per-folder controls, on a real SQLite file.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { MAX_JOB_ATTEMPTS } from '../../../electron/core/store/sqlite/job-repository.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function openStore() {
  const store = Store.open(join(await tempDir(), 'trove.db'));
  const folder = store.folders.add('/docs', 1);
  return { store, folder };
}

describe('job queue', () => {
  it('coalesces repeated events for a path and keeps a job re-queued while it was being worked on', async () => {
    const { store, folder } = await openStore();
    store.jobs.enqueue(folder.id, '/docs/a.md', 'upsert', 1);
    store.jobs.enqueue(folder.id, '/docs/a.md', 'upsert', 2);
    store.jobs.enqueue(folder.id, '/docs/b.md', 'upsert', 2);
    const [first] = store.jobs.next(10);
    expect(store.jobs.next(10).map((job) => job.path)).toEqual(['/docs/a.md', '/docs/b.md']);
    store.jobs.enqueue(folder.id, '/docs/a.md', 'remove', 3); // a new event while `first` was in hand
    store.jobs.complete(first!);
    expect(store.jobs.next(10).map((job) => [job.path, job.kind])).toEqual([['/docs/a.md', 'remove'], ['/docs/b.md', 'upsert']]);
    store.dispose();
  });

  it('moves a failing job to the back and parks it after repeated failures', async () => {
    const { store, folder } = await openStore();
    store.jobs.enqueueMany([{ folderId: folder.id, path: '/docs/bad.md', kind: 'upsert' }, { folderId: folder.id, path: '/docs/ok.md', kind: 'upsert' }], 1);
    for (let attempt = 1; attempt <= MAX_JOB_ATTEMPTS; attempt++) {
      const bad = store.jobs.next(10).find((job) => job.path === '/docs/bad.md');
      store.jobs.fail(bad!, 'disk on fire', attempt);
      if (attempt < MAX_JOB_ATTEMPTS) expect(store.jobs.next(10).map((job) => job.path)).toEqual(['/docs/ok.md', '/docs/bad.md']);
    }
    expect(store.jobs.next(10).map((job) => job.path)).toEqual(['/docs/ok.md']);
    expect(store.jobs.failures()).toEqual([{ folderId: folder.id, path: '/docs/bad.md', kind: 'upsert', attempts: MAX_JOB_ATTEMPTS, error: 'disk on fire' }]);
    store.dispose();
  });
});

describe('folder controls', () => {
  it('pause keeps work queued, resume indexes it, cancel drops it', async () => {
    const folder = await tempDir();
    await writeFiles(folder, { 'a.md': 'Heron notes.\n' });
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')) });
    await engine.addFolders([folder]);
    engine.updateFolderSettings(folder, { paused: true });
    const [paused] = await engine.index([folder]);
    expect(paused).toMatchObject({ files: 1, indexed: 0 });
    expect(engine.status().folders[0]).toMatchObject({ pending: 1, settings: { paused: true } });

    engine.updateFolderSettings(folder, { paused: false });
    const [resumed] = await engine.index([folder]);
    expect(resumed).toMatchObject({ indexed: 1 });
    expect(engine.status().queue.pending).toBe(0);

    await writeFile(join(folder, 'b.md'), 'Egret notes.\n');
    engine.updateFolderSettings(folder, { paused: true });
    await engine.index([folder]);
    expect(engine.cancel(folder)).toBe(1);
    expect(engine.status().queue.pending).toBe(0);
    await engine.dispose();
  });

  it('applies a folder size limit and extra exclude patterns', async () => {
    const folder = await tempDir();
    await writeFiles(folder, { 'big.md': 'Crane '.repeat(400), 'small.md': 'Crane.\n', 'skip/me.md': 'Crane.\n' });
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')) });
    await engine.addFolders([folder]);
    engine.updateFolderSettings(folder, { maxFileBytes: 1000, exclude: ['skip/'] });
    const [summary] = await engine.index([folder]);
    expect(summary).toMatchObject({ files: 2, indexed: 1, skipped: 1 });
    expect(engine.status().problems).toEqual([expect.objectContaining({ path: join(folder, 'big.md'), code: 'TOO_LARGE' })]);
    expect(engine.status().folders[0]?.settings).toMatchObject({ maxFileBytes: 1000, exclude: ['skip/'] });
    await engine.dispose();
  });
});

describe('freshness', () => {
  it('marks hits whose file changed or vanished since indexing as stale', async () => {
    const folder = await tempDir();
    await writeFiles(folder, { 'a.md': 'Puffin colony.\n', 'b.md': 'Puffin diet.\n', 'c.md': 'Puffin flight.\n' });
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')) });
    await engine.index([folder]);
    await writeFile(join(folder, 'a.md'), 'Puffin colony, now larger.\n');
    await rm(join(folder, 'b.md'));
    const { results } = await engine.search('puffin', { mode: 'bm25' });
    const stale = Object.fromEntries(results.map((hit) => [hit.path, hit.stale]));
    expect(stale).toEqual({ [join(folder, 'a.md')]: true, [join(folder, 'b.md')]: true, [join(folder, 'c.md')]: false });
    const freshness = await engine.checkFreshness(results);
    expect(freshness.map((f) => f.indexedAt)).toEqual(results.map((hit) => hit.indexedAt));
    await engine.dispose();
  });
});
