import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

const QUESTION = 'How are train tickets booked?';

describe('trove ask with no watcher running, after files changed on disk', () => {
  it('cites the edited file’s new text and never the deleted file', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, {
      'travel/booking.md': '# Travel\n\nTrain tickets are booked by the office manager, two weeks ahead of the trip.\n',
      'travel/portal.md': '# Travel portal\n\nTrain tickets are booked through the travel portal; second class only.\n',
      'notes/meeting.txt': 'Meeting notes\n\nThe quarterly roadmap review moved to Thursday.\n',
    });
    expect((await runCli(['--data-dir', dataDir, 'index', folder])).code).toBe(0);
    const before = JSON.parse((await runCli(['--data-dir', dataDir, 'ask', QUESTION, '--json'])).stdout);
    expect(before.citations.map((c: { path: string }) => c.path).sort()).toEqual([join(folder, 'travel/booking.md'), join(folder, 'travel/portal.md')]);

    // Reworded (a different size, so the stat facts differ) and deleted after indexing; nothing watches the folder.
    await writeFile(join(folder, 'travel/booking.md'), '# Travel\n\nEmployees book their own train tickets in the expense app and keep the receipt.\n');
    await rm(join(folder, 'travel/portal.md'));

    const asked = await runCli(['--data-dir', dataDir, 'ask', QUESTION, '--json']);
    expect(asked.code).toBe(0);
    const after = JSON.parse(asked.stdout);
    expect(after.kind).toBe('extractive');
    expect(after.citations).toEqual([expect.objectContaining({ path: join(folder, 'travel/booking.md'), stale: false })]);
    expect(after.answer).toContain('in the expense app');
    expect(after.answer).not.toContain('office manager');
    expect(after.answer).not.toContain('travel portal');
    expect(after.notices).toContain('Brought 2 file(s) that changed or were deleted since indexing up to date before answering.');

    // The index itself was brought up to date: the deleted file is gone from it, the new text is searchable.
    const status = JSON.parse((await runCli(['--data-dir', dataDir, 'status', '--json'])).stdout);
    expect(status.counts.documents).toBe(2);
    expect(status.queue.pending).toBe(0);
    const search = JSON.parse((await runCli(['--data-dir', dataDir, 'search', 'expense app receipt', '--json'])).stdout);
    expect(search.results[0]).toMatchObject({ path: join(folder, 'travel/booking.md'), stale: false });
  });
});
