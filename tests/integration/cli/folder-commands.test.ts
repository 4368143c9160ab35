// Per-folder control from the command line: exclusions and size limit change what the next index run keeps,
// and a paused folder is not indexed until resumed.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function searchPaths(dataDir: string, query: string): Promise<string[]> {
  const { stdout } = await runCli(['search', query, '--json', '--data-dir', dataDir]);
  return (JSON.parse(stdout) as { results: { path: string }[] }).results.map((r) => r.path);
}

describe('trove folder', () => {
  it('excludes patterns and large files on the next run, and shows the settings', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, {
      'notes/keep.md': 'The lighthouse keeper logs the weather.\n',
      'drafts/draft.md': 'Draft lighthouse plans, not final.\n',
      'big.txt': `lighthouse ${'x'.repeat(2 * 1024 * 1024)}\n`,
    });
    expect((await runCli(['index', folder, '--data-dir', dataDir])).code).toBe(0);
    expect((await searchPaths(dataDir, 'lighthouse')).sort()).toEqual([join(folder, 'big.txt'), join(folder, 'drafts/draft.md'), join(folder, 'notes/keep.md')].sort());

    const set = await runCli(['folder', 'set', folder, '--exclude', 'drafts/', '--max-file-mb', '1', '--data-dir', dataDir]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('excluded by this folder\'s settings: drafts/');
    expect(set.stdout).toContain('size limit: 1.0 MiB');
    expect((await runCli(['index', '--data-dir', dataDir])).code).toBe(0);
    expect(await searchPaths(dataDir, 'lighthouse')).toEqual([join(folder, 'notes/keep.md')]);

    const shown = JSON.parse((await runCli(['folder', 'show', folder, '--json', '--data-dir', dataDir])).stdout);
    expect(shown.settings).toMatchObject({ exclude: ['drafts/'], maxFileBytes: 1024 * 1024 });
    expect(shown.defaultExcludes.length).toBeGreaterThan(0);

    expect((await runCli(['folder', 'set', folder, '--clear-excludes', '--data-dir', dataDir])).code).toBe(0);
    expect((await runCli(['index', '--data-dir', dataDir])).code).toBe(0);
    expect((await searchPaths(dataDir, 'lighthouse')).sort()).toEqual([join(folder, 'drafts/draft.md'), join(folder, 'notes/keep.md')].sort());
  });

  it('does not index a paused folder until it is resumed', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, { 'a.md': 'Harbour tides table.\n' });
    expect((await runCli(['index', folder, '--data-dir', dataDir])).code).toBe(0);
    const paused = await runCli(['folder', 'pause', folder, '--data-dir', dataDir]);
    expect(paused.stdout).toContain('paused');
    await writeFile(join(folder, 'b.md'), 'Harbour crane schedule.\n');
    await runCli(['index', '--data-dir', dataDir]);
    expect(await searchPaths(dataDir, 'crane')).toEqual([]);
    await runCli(['folder', 'resume', folder, '--data-dir', dataDir]);
    await runCli(['index', '--data-dir', dataDir]);
    expect(await searchPaths(dataDir, 'crane')).toEqual([join(folder, 'b.md')]);
  });

  it('refuses a folder that is not registered, and an empty change', async () => {
    const dataDir = await tempDir();
    const unknown = await runCli(['folder', 'pause', '/nowhere', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/not (an indexed|a registered) folder/);
    const empty = await runCli(['folder', 'set', '/nowhere', '--data-dir', dataDir]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('Nothing to change');
  });
});
