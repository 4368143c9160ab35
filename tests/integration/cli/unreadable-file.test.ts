// A file the user cannot read is recorded with a reason and the rest of the folder is indexed. Needs a real
// permission failure: as root (CI containers) every file is readable, so the CLI runs as `nobody` there.
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_NOBODY, canRunAsNobody, isRoot } from '../../helpers/other-user.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const canTest = process.platform !== 'win32' && (!isRoot || canRunAsNobody);

describe.skipIf(!canTest)('files the user cannot read', () => {
  it('is reported as PERMISSION_DENIED while the other files are indexed', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, { 'open.md': '# Open\n\nEveryone can read this page about lighthouses.\n', 'secret.md': 'Hidden harbour plans.\n' });
    await chmod(join(folder, 'secret.md'), 0o000);
    const asUser = canRunAsNobody ? AS_NOBODY : [];
    if (canRunAsNobody) {
      for (const dir of [folder, dataDir]) await chmod(dir, 0o777);
      await chmod(join(folder, 'open.md'), 0o644);
    }
    const indexed = await runCli(['index', folder, '--data-dir', dataDir], {}, asUser);
    expect(indexed.code).toBe(0);
    expect(indexed.stdout).toMatch(/2 files — 1 indexed, 0 unchanged, 0 skipped, 1 failed/);
    const status = JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir], {}, asUser)).stdout);
    expect(status.problems).toEqual([
      expect.objectContaining({ path: join(folder, 'secret.md'), code: 'PERMISSION_DENIED', action: expect.stringMatching(/read access/) }),
    ]);
    const human = await runCli(['status', '--data-dir', dataDir], {}, asUser);
    expect(human.stdout).toContain('secret.md');
    expect(human.stdout).toContain('PERMISSION_DENIED');
    const search = JSON.parse((await runCli(['search', 'lighthouses', '--json', '--data-dir', dataDir], {}, asUser)).stdout);
    expect(search.results[0].path).toBe(join(folder, 'open.md'));
  });

  it('an unreadable .gitignore leaves its directory out and is reported, and the directory comes back once it can be read', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, {
      'open.md': '# Open\n\nEveryone can read this page about lighthouses.\n',
      'team/.gitignore': 'salaries.md\n',
      'team/salaries.md': 'Salary bands for the harbour crew.\n',
      'team/rota.md': 'The harbour crew rota changes every Monday.\n',
    });
    const gitignore = join(folder, 'team/.gitignore');
    await chmod(gitignore, 0o000);
    const asUser = canRunAsNobody ? AS_NOBODY : [];
    if (canRunAsNobody) for (const dir of [folder, join(folder, 'team'), dataDir]) await chmod(dir, 0o777);
    expect((await runCli(['index', folder, '--data-dir', dataDir], {}, asUser)).code).toBe(0);
    const status = JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir], {}, asUser)).stdout);
    expect(status.problems).toEqual([expect.objectContaining({ path: gitignore, code: 'PERMISSION_DENIED' })]);
    const search = async (query: string) => JSON.parse((await runCli(['search', query, '--json', '--data-dir', dataDir], {}, asUser)).stdout).results;
    // Neither the file the rules exclude nor its neighbour is searchable while the rules are unknown.
    expect(await search('harbour crew')).toEqual([]);
    await chmod(gitignore, 0o644);
    expect((await runCli(['index', folder, '--data-dir', dataDir], {}, asUser)).code).toBe(0);
    expect(JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir], {}, asUser)).stdout).problems).toEqual([]);
    expect((await search('harbour crew')).map((r: { path: string }) => r.path)).toEqual([join(folder, 'team/rota.md')]);
  });
});
