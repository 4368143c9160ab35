// `trove watch` as a user runs it: a child process kept live while files change, stopped with Ctrl-C (SIGINT).
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { spawnWatch, waitFor } from './watch-helpers.ts';

const tempDir = useTempDirs();

describe('trove watch', () => {
  it('keeps search current, reports a deleted folder in status, and stops cleanly on Ctrl-C', async () => {
    const parent = await tempDir();
    const dataDir = await tempDir();
    const notes = join(parent, 'notes');
    const drive = join(parent, 'drive');
    await writeFiles(notes, { 'plan.md': 'The kestrel survey starts in May.\n' });
    await writeFiles(drive, { 'd.md': 'Dormouse records.\n' });
    expect((await runCli(['index', notes, drive, '--data-dir', dataDir])).code).toBe(0);

    let stopped: number | null = null;
    const watch = spawnWatch(['watch', '--json', '--data-dir', dataDir]);
    try {
      await waitFor(() => watch.stdout().includes('"event":"ready"'), 'watch to be ready', 30_000);
      await writeFile(join(notes, 'plan.md'), 'The kestrel survey moved to June.\n');
      await waitFor(async () => {
        const search = await runCli(['search', 'kestrel june', '--json', '--mode', 'bm25', '--data-dir', dataDir]);
        const results = JSON.parse(search.stdout).results as { text: string; stale: boolean; indexedAt: string }[];
        return results[0]?.text.includes('June') === true && results[0].stale === false && !Number.isNaN(Date.parse(results[0].indexedAt));
      }, 'the edit to be searchable', 30_000);

      await rm(drive, { recursive: true });
      await waitFor(async () => {
        const status = JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir])).stdout);
        return status.folders.find((folder: { path: string }) => folder.path === drive)?.status === 'missing';
      }, 'the deleted folder in status', 30_000);
      const human = await runCli(['status', '--data-dir', dataDir]);
      expect(human.stdout).toMatch(new RegExp(`${drive}\\s+\\[missing\\].*does not exist`));

      await writeFile(join(notes, 'later.md'), 'Wren nesting boxes.\n');
      await waitFor(() => watch.stdout().includes(join(notes, 'later.md')), 'the other folder still watched', 30_000);
    } finally {
      stopped = await watch.stop();
    }
    expect(stopped).toBe(0);
    expect(watch.stderr()).toContain('interrupted; finishing the current file');
    expect(watch.stderr()).not.toMatch(/\n\s+at /);
  });

  it('says what to do when no folder is registered', async () => {
    const result = await runCli(['watch', '--data-dir', await tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no folders registered yet');
  });
});
