/**
 * The team index in the app's window, end to end: the built renderer in Debian's Chromium against the real
 * engine host (its own process) and a private PostgreSQL server. A colleague's Trove has indexed a folder into
 * the team index; the user connects from Folders → Team index (a mistyped database is refused with its reason),
 * sees the team's folder with its settings left to the administrator, watches "Being indexed by …" appear and go
 * as the colleague takes and releases the folder's lease (the change feed), gets an answer citing the team's
 * file, and goes back to this computer's own index. Screenshots go to test-results/e2e/.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../electron/core/engine.ts';
import { PostgresStore } from '../../electron/core/store/postgres/postgres-store.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.ts';
import { writeFiles } from '../helpers/sample-folder.ts';
import { teamClient } from '../helpers/team-clients.ts';
import { openAppWindow, type AppWindow } from './harness/app-window.ts';
import { buildRenderer } from './harness/browser.ts';

const SHOTS = join(resolve(import.meta.dirname, '../..'), 'test-results/e2e');

describe.skipIf(postgresUnavailable !== undefined)('the team index in the window', () => {
  let work: string;
  let server: PrivatePostgres;
  let colleague: Engine;
  let app: AppWindow;
  let page: Page;
  let share: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'trove-e2e-team-'));
    share = join(work, 'share');
    await writeFiles(share, { 'hangar.md': '# Hangar\n\nThe zeppelin hangar opens for the spring launch on the ninth of April.\n' });
    server = startPrivatePostgres();
    server.createDatabase('team');
    colleague = await teamClient(server.urlOf('team'), 'laptop-b:77', await mkdtemp(join(work, 'colleague-')));
    await colleague.index([share]);
    await mkdir(SHOTS, { recursive: true });
    await buildRenderer();
    app = await openAppWindow(join(work, 'data'), { folder: null, model: null, adapter: null });
    page = app.page;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await colleague?.dispose();
    server?.dispose();
    await rm(work, { recursive: true, force: true });
  });

  test('connects, shows the team folder and who indexes it, answers from it, and goes back', async () => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Folders', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Team index' });
    await expect.poll(() => panel.getByTestId('team-index-state').textContent()).toBe("Using this computer's own index.");

    const url = panel.getByRole('textbox', { name: 'Database URL' });
    await url.fill(server.urlOf('no_such_database'));
    await panel.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.locator('.error-banner').textContent()).toMatch(/The team index .*no_such_database.* could not be opened/);
    expect(await url.inputValue()).toBe(server.urlOf('no_such_database'));
    await page.getByRole('button', { name: 'Dismiss error' }).click();

    await url.fill(server.urlOf('team'));
    await panel.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => panel.getByTestId('team-index-state').textContent(), { timeout: 30_000 }).toMatch(/^Using the team index postgresql:\/\/trove@localhost\/team/);
    const item = page.getByRole('listitem', { name: `Folder ${share}` });
    await expect.poll(() => item.getByTestId('folder-counts').textContent(), { timeout: 30_000 }).toMatch(/^1 file · 1 passage/);
    expect(await item.getByRole('checkbox', { name: `Read scanned pages and images (OCR) in ${share}` }).isDisabled()).toBe(true);
    expect(await item.getByRole('button', { name: 'Pause' }).isDisabled()).toBe(true);
    expect(await item.getByRole('button', { name: `Remove ${share}` }).isDisabled()).toBe(true);

    // The colleague's Trove takes the folder's lease: the window hears it through the change feed.
    const member = await PostgresStore.open(server.urlOf('team'));
    try {
      const folderId = (await member.folders.byPath(share))?.id ?? -1;
      expect(await member.leases.acquire(folderId, 'laptop-c:12', 30_000)).toBe(true);
      await expect.poll(() => item.getByTestId('folder-activity').textContent(), { timeout: 10_000 }).toBe('Being indexed by laptop-c:12');
      await page.screenshot({ path: join(SHOTS, 'team-01-being-indexed.png') });
      await member.leases.release(folderId, 'laptop-c:12');
      await expect.poll(() => item.getByTestId('folder-activity').textContent(), { timeout: 10_000 }).toMatch(/^Up to date/);
    } finally {
      await member.dispose();
    }

    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.getByRole('textbox', { name: 'Question' }).fill('When does the zeppelin hangar open?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Source 1: hangar\.md/ }).count(), { timeout: 30_000 }).toBe(1);

    await page.getByRole('button', { name: 'Folders', exact: true }).click();
    await panel.getByRole('button', { name: "Use this computer's own index" }).click();
    await expect.poll(() => panel.getByTestId('team-index-state').textContent()).toBe("Using this computer's own index.");
    await expect.poll(() => page.getByText('No folders yet.').isVisible()).toBe(true);
  });
});
