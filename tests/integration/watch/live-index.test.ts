// The watcher against the real file system in temp directories: every change must show up in search.
import { appendFile, mkdir, open, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { openWatchedEngine, waitFor } from './watch-helpers.ts';

const tempDir = useTempDirs();

async function watched(files: Record<string, string>) {
  const folder = await tempDir();
  await writeFiles(folder, files);
  const trove = await openWatchedEngine(await tempDir());
  await trove.engine.addFolders([folder]);
  await trove.watch();
  return { folder, trove };
}

describe('watching a folder', () => {
  it('follows created, changed, renamed and deleted files and removed directories', async () => {
    const { folder, trove } = await watched({ 'a.md': '# Alpha\n\nAlpaca pasture notes.\n', 'dir/b.md': 'Badger burrow survey.\n' });
    try {
      await waitFor(async () => (await trove.paths('alpaca')).length === 1, 'the start-up reconciliation');

      await writeFile(join(folder, 'new.md'), 'Narwhal tusk measurements.\n');
      await waitFor(async () => (await trove.paths('narwhal')).includes(join(folder, 'new.md')), 'a created file');

      await writeFile(join(folder, 'a.md'), '# Alpha\n\nAardvark feeding times.\n');
      await waitFor(async () => (await trove.paths('aardvark')).includes(join(folder, 'a.md')), 'a changed file');
      expect(await trove.paths('alpaca')).toEqual([]);

      await rename(join(folder, 'new.md'), join(folder, 'renamed.md'));
      await waitFor(async () => (await trove.paths('narwhal')).join() === join(folder, 'renamed.md'), 'a renamed file');

      await rm(join(folder, 'renamed.md'));
      await waitFor(async () => (await trove.paths('narwhal')).length === 0, 'a deleted file');

      await rm(join(folder, 'dir'), { recursive: true });
      await waitFor(async () => (await trove.paths('badger')).length === 0, 'a removed directory');
      expect(trove.engine.status().counts.documents).toBe(1);
      expect(trove.engine.status().queue.pending).toBe(0);
    } finally {
      await trove.dispose();
    }
  });

  it('does not re-process a touched file whose bytes did not change', async () => {
    const { folder, trove } = await watched({ 'a.md': 'Quokka habitat.\n' });
    try {
      await waitFor(async () => (await trove.paths('quokka')).length === 1, 'the first indexing');
      const before = (await trove.engine.search('quokka', { mode: 'bm25' })).results[0]?.indexedAt;
      const embedCalls = trove.embedder.calls;
      const extractions = trove.extracted.length;
      const future = new Date(Date.now() + 10_000);
      await utimes(join(folder, 'a.md'), future, future);
      await waitFor(() => trove.files.some((event) => event.path === join(folder, 'a.md') && event.outcome === 'unchanged'), 'the touch to be seen');
      expect(trove.extracted.length).toBe(extractions);
      expect(trove.embedder.calls).toBe(embedCalls);
      const after = (await trove.engine.search('quokka', { mode: 'bm25' })).results[0];
      expect(after?.indexedAt).toBe(before);
      expect(after?.stale).toBe(false); // the stored mtime moved with the touch
    } finally {
      await trove.dispose();
    }
  });

  it('waits out a write in progress and indexes the finished file once', async () => {
    const { folder, trove } = await watched({});
    try {
      const path = join(folder, 'slow.md');
      const handle = await open(path, 'w');
      await handle.write('Pelican first half.\n');
      await new Promise((resolve) => setTimeout(resolve, 40));
      await handle.write('Flamingo second half.\n');
      await handle.close();
      await waitFor(async () => (await trove.paths('flamingo')).length === 1, 'the finished file');
      expect(trove.files.filter((event) => event.path === path && event.outcome === 'indexed')).toHaveLength(1);
      expect(trove.extracted.filter((extracted) => extracted === path)).toHaveLength(1);
    } finally {
      await trove.dispose();
    }
  });

  it('keeps ignored paths out, and applies a changed .troveignore to files already indexed', async () => {
    const { folder, trove } = await watched({
      '.gitignore': 'secret/\n*.log\n',
      'keep.md': 'Walrus census.\n',
    });
    try {
      await writeFiles(folder, {
        'secret/plan.md': 'Walrus secret plan.\n',
        'run.log': 'Walrus log line.\n',
        'node_modules/pkg/readme.md': 'Walrus package.\n',
        '.hidden.md': 'Walrus hidden.\n',
        'draft.md': 'Walrus draft.\n',
      });
      await waitFor(async () => (await trove.paths('walrus')).includes(join(folder, 'draft.md')), 'the visible new file');
      expect((await trove.paths('walrus')).sort()).toEqual([join(folder, 'draft.md'), join(folder, 'keep.md')]);

      await writeFile(join(folder, '.troveignore'), 'draft.md\n');
      await waitFor(async () => !(await trove.paths('walrus')).includes(join(folder, 'draft.md')), 'the newly ignored file to leave');
      await appendFile(join(folder, 'secret/plan.md'), 'More walrus.\n');
      await writeFile(join(folder, 'after.md'), 'Walrus after.\n');
      await waitFor(async () => (await trove.paths('walrus')).includes(join(folder, 'after.md')), 'a later file');
      expect((await trove.paths('walrus')).sort()).toEqual([join(folder, 'after.md'), join(folder, 'keep.md')]);
    } finally {
      await trove.dispose();
    }
  });

  it('reports a deleted folder as missing and keeps watching the others', async () => {
    const parent = await tempDir();
    const gone = join(parent, 'gone');
    const stays = join(parent, 'stays');
    await writeFiles(gone, { 'g.md': 'Gecko notes.\n' });
    await writeFiles(stays, { 's.md': 'Salamander notes.\n' });
    const trove = await openWatchedEngine(await tempDir());
    try {
      await trove.engine.addFolders([gone, stays]);
      await trove.watch();
      await waitFor(async () => (await trove.paths('gecko salamander')).length === 2, 'both folders indexed');
      await rm(gone, { recursive: true });
      await waitFor(() => trove.engine.status().folders.find((f) => f.path === gone)?.status === 'missing', 'the folder to be missing');
      expect(trove.engine.status().folders.find((f) => f.path === gone)?.error).toMatch(/does not exist/);

      await writeFile(join(stays, 'more.md'), 'Iguana notes.\n');
      await waitFor(async () => (await trove.paths('iguana')).length === 1, 'the other folder still watched');

      await writeFiles(gone, { 'back.md': 'Chameleon notes.\n' });
      await waitFor(async () => (await trove.paths('chameleon')).length === 1, 'the folder coming back');
      expect(trove.engine.status().folders.find((f) => f.path === gone)?.status).toBe('active');
    } finally {
      await trove.dispose();
    }
  });
});

describe('reconciliation at start-up', () => {
  it('finds edits, deletions, new files and removed directories made while not running, reading only those', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, {
      'same.md': 'Okapi stays the same.\n',
      'edit.md': 'Tapir before.\n',
      'delete.md': 'Dingo to delete.\n',
      'sub/inside.md': 'Lemur inside a directory.\n',
    });
    const first = await openWatchedEngine(dataDir);
    await first.engine.index([folder]);
    await first.dispose();

    await writeFile(join(folder, 'edit.md'), 'Tapir after the edit.\nWith a second line.\n');
    await rm(join(folder, 'delete.md'));
    await rm(join(folder, 'sub'), { recursive: true });
    await mkdir(join(folder, 'added'));
    await writeFile(join(folder, 'added/new.md'), 'Ocelot is new.\n');

    const second = await openWatchedEngine(dataDir);
    try {
      const live = await second.watch();
      await live.idle();
      expect(await second.paths('ocelot')).toEqual([join(folder, 'added/new.md')]);
      expect(await second.paths('second line')).toEqual([join(folder, 'edit.md')]);
      expect(await second.paths('dingo lemur')).toEqual([]);
      expect(await second.paths('okapi')).toEqual([join(folder, 'same.md')]);
      expect(second.extracted.sort()).toEqual([join(folder, 'added/new.md'), join(folder, 'edit.md')]);
    } finally {
      await second.dispose();
    }
  });
});
