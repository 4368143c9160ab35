import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
import { SAMPLE_FILES, writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('trove CLI', () => {
  it('indexes a folder, searches it with --json, reports status and forgets it', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, SAMPLE_FILES);

    const indexed = await runCli(['index', folder, '--data-dir', dataDir]);
    expect(indexed.code).toBe(0);
    expect(indexed.stdout).toMatch(/8 files — 8 indexed, 0 unchanged, 0 skipped, 0 failed, 0 removed; \d+ chunks in [\d.]+ s/);

    const searched = await runCli(['search', 'unused vacation days', '--json', '--k', '2'], { TROVE_DATA_DIR: dataDir });
    expect(searched.code).toBe(0);
    const { results } = JSON.parse(searched.stdout) as { results: Record<string, unknown>[] };
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]).toMatchObject({ path: join(folder, 'handbook/vacation.md'), page: null });
    expect(Object.keys(results[0] ?? {})).toEqual(expect.arrayContaining(['path', 'startLine', 'endLine', 'page', 'score', 'text']));
    expect(results[0]?.startLine).toBeGreaterThanOrEqual(1);

    const human = await runCli(['search', 'Osaka', '--data-dir', dataDir]);
    expect(human.stdout).toContain(`${join(folder, 'data/offices.csv')}:`);

    const status = await runCli(['status', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(status.stdout)).toMatchObject({ folders: [{ path: folder, documents: 8 }], embedding: null });

    const forgotten = await runCli(['forget', folder, '--data-dir', dataDir]);
    expect(forgotten.code).toBe(0);
    const after = await runCli(['search', 'vacation', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(after.stdout).results).toEqual([]);
  });

  it('fails with one clear line and no stack trace for a folder that does not exist', async () => {
    const dataDir = await tempDir();
    const result = await runCli(['index', '/no/such/folder', '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^trove: Folder \/no\/such\/folder does not exist\n/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('fails clearly when the data directory cannot be written', async () => {
    const parent = await tempDir();
    const blocker = join(parent, 'a-file');
    await writeFile(blocker, 'not a directory');
    const result = await runCli(['status', '--data-dir', join(blocker, 'data')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Cannot write to the data directory/);
    expect(result.stderr).toMatch(/--data-dir or TROVE_DATA_DIR/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a bad option value with a usage error', async () => {
    const result = await runCli(['search', 'x', '--k', 'zero', '--data-dir', await tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not a positive whole number');
  });
});
