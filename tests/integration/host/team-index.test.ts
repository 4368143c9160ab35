/**
 * The app's team index setting, through the engine host as the window calls it: a URL that does not open is
 * refused and nothing changes; a real one (a private PostgreSQL server) is used at once and remembered; folders
 * added in the app go to the team index, where the watcher indexes them and another client finds them; folder
 * settings are refused (the administrator's); another member's indexing shows as it happens; a team index that is down at start leaves the app on this
 * computer's index, saying why; and going back to this computer's index forgets it.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppStatus, PassageView, TeamIndexView } from '../../../electron/shared/api.ts';
import { TEAM_INDEX_FILE } from '../../../electron/host/team-index-setting.ts';
import { PostgresStore } from '../../../electron/core/store/postgres/postgres-store.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import type { RpcClient } from '../../../electron/shared/rpc.ts';
import { useHosts, until, value } from '../../helpers/host-client.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { teamClient } from '../../helpers/team-clients.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const hosts = useHosts({ folderCheckMs: 100, apiPort: 0 });

const connected = (dataDir: string) => hosts.connect(dataDir);
const restart = async (dataDir: string): Promise<RpcClient> => (await connected(dataDir)).client;

describe.skipIf(postgresUnavailable !== undefined)('the team index setting of the app', () => {
  let server: PrivatePostgres;
  beforeAll(() => {
    server = startPrivatePostgres();
    server.createDatabase('team');
  });
  afterAll(() => server?.dispose());

  test('refuses an index that does not open, uses and remembers one that does, and indexes the folders added there', async () => {
    const root = await tempDir();
    const dataDir = join(root, 'data');
    const folder = join(root, 'share');
    await writeFiles(folder, { 'hangar.md': '# Hangar\n\nThe zeppelin hangar opens for the spring launch on the ninth of April.\n' });
    const { client, events } = await connected(dataDir);
    const team = async () => value<TeamIndexView>(await client.call('teamIndex', {}));
    expect(await team()).toEqual({ url: null, inUse: false, problem: null });

    // No such database: refused in one line, nothing remembered, the app still on this computer's index.
    const refused = await client.call('setTeamIndex', { url: server.urlOf('no_such_database') });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('INVALID_ARGUMENT');
      expect(refused.error.message).toMatch(/^The team index postgresql:\/\/trove@localhost\/no_such_database.* could not be opened: .*no_such_database/);
      expect(refused.error.message).not.toContain('\n');
    }
    expect(await team()).toEqual({ url: null, inUse: false, problem: null });
    await expect(stat(join(dataDir, TEAM_INDEX_FILE))).rejects.toThrow();

    const chosen = value<TeamIndexView>(await client.call('setTeamIndex', { url: server.urlOf('team') }));
    expect(chosen).toMatchObject({ inUse: true, problem: null });
    expect(chosen.url).toMatch(/^postgresql:\/\/trove@localhost\/team/);
    expect(((await stat(join(dataDir, TEAM_INDEX_FILE))).mode & 0o777).toString(8)).toBe('600');

    value(await client.call('addFolder', { path: folder }));
    const status = await until(
      async () => value<AppStatus>(await client.call('status', {})),
      (s) => (s.folders[0]?.chunks ?? 0) > 0,
    );
    expect(status.teamIndex).toBe(chosen.url);
    expect(status.folders.map((f) => f.path)).toEqual([folder]);
    expect(events.some((e) => e.type === 'index-progress' && e.progress.folder === folder)).toBe(true);

    // Searched and shown in its file from the team index.
    const hits = value<{ chunkId: number; path: string }[]>(await client.call('search', { query: 'zeppelin hangar' }));
    expect(hits[0]?.path).toBe(join(folder, 'hangar.md'));
    const passage = value<PassageView>(await client.call('getPassage', { chunkId: hits[0]?.chunkId }));
    expect(passage).toMatchObject({ path: join(folder, 'hangar.md'), inContext: true });
    expect(passage.passage).toContain('spring launch');
    expect(value<{ path: string }>(await client.call('resolveIndexedFile', { path: join(folder, 'hangar.md') }))).toEqual({ path: join(folder, 'hangar.md') });

    // The team's folders are the administrator's to change.
    const ocr = await client.call('setFolderOcr', { path: folder, ocr: false });
    expect(ocr.ok ? null : ocr.error.message).toMatch(/managed by its administrator/);
    const removed = await client.call('removeFolder', { path: folder });
    expect(removed.ok).toBe(false);

    // Another client of the team index finds what the app indexed; this computer's own index holds nothing.
    const other = await teamClient(server.urlOf('team'), 'other-laptop', await tempDir());
    try {
      expect((await other.search('zeppelin hangar', { mode: 'bm25' })).results[0]?.path).toBe(join(folder, 'hangar.md'));
    } finally {
      await other.dispose();
    }

    // Another member's Trove indexing the folder shows in the app as it happens: the change feed tells the window
    // to read the folders again, and the folder names who holds its lease.
    const seen = events.length;
    const member = await PostgresStore.open(server.urlOf('team'));
    try {
      const folderId = (await member.folders.byPath(folder))?.id ?? -1;
      expect(await member.leases.acquire(folderId, 'laptop-b:77', 30_000)).toBe(true);
      await until(async () => events.slice(seen).some((e) => e.type === 'state-changed' && e.what === 'folders'), Boolean, 2000);
      expect(value<AppStatus>(await client.call('status', {})).folders[0]?.indexedBy).toBe('laptop-b:77');
      await member.leases.release(folderId, 'laptop-b:77');
    } finally {
      await member.dispose();
    }

    // Remembered at the next start.
    const again = await restart(dataDir);
    expect(value<TeamIndexView>(await again.call('teamIndex', {}))).toEqual(chosen);
    expect(value<AppStatus>(await again.call('status', {})).folders.map((f) => f.path)).toEqual([folder]);
    await hosts.stop();
    const local = Store.open(join(dataDir, 'trove.db'));
    try {
      expect(local.counts().documents).toBe(0);
    } finally {
      local.dispose();
    }
  });

  test('a team index that is down at start leaves the app on this computer\'s index, saying why; going back forgets it', async () => {
    const root = await tempDir();
    const dataDir = join(root, 'data');
    const first = (await connected(dataDir)).client;
    const url = server.urlOf('team');
    expect(value<TeamIndexView>(await first.call('setTeamIndex', { url })).inUse).toBe(true);
    await hosts.stop();

    server.stop('fast');
    let client: RpcClient;
    try {
      client = (await connected(dataDir)).client;
    } finally {
      server.start();
    }
    const down = value<TeamIndexView>(await client.call('teamIndex', {}));
    expect(down).toMatchObject({ inUse: false, url: expect.stringMatching(/^postgresql:\/\/trove@localhost\/team/) });
    expect(down.problem).toMatch(/cannot be reached/);
    const status = value<AppStatus>(await client.call('status', {}));
    expect(status.teamIndex).toBeNull();
    expect(status.notices.some((notice) => notice.includes('cannot be reached') && notice.includes("this computer's own index"))).toBe(true);

    // Back on the team index once it is up (the user connects again), then back to this computer's own.
    expect(value<TeamIndexView>(await client.call('setTeamIndex', { url })).inUse).toBe(true);
    expect(value<TeamIndexView>(await client.call('setTeamIndex', { url: null }))).toEqual({ url: null, inUse: false, problem: null });
    expect(value<AppStatus>(await client.call('status', {})).teamIndex).toBeNull();
    await expect(stat(join(dataDir, TEAM_INDEX_FILE))).rejects.toThrow();
    expect(value<TeamIndexView>(await (await restart(dataDir)).call('teamIndex', {}))).toEqual({ url: null, inUse: false, problem: null });
  });
});
