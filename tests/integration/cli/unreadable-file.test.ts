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

describe.skipIf(!canTest)('an unreadable file', () => {
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
});
