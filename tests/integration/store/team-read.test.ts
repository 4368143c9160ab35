// Access control reaches `read`: on a shared index, the MCP server's read tool (and search) shows a user only the
// folders of their groups (PostgreSQL row-level security keyed on the connecting role). A user of another group
// cannot read a file the index holds, even by its exact path; a member of the folder's group and everyone for an
// ungrouped folder can. Engine level, and `trove --store … mcp` with the SDK's own client over stdio.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadRefusedError } from '../../../electron/api/errors.ts';
import { readDocument } from '../../../electron/api/read-document.ts';
import type { Engine } from '../../../electron/core/engine.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.ts';
import { BIN, CLI_TEST_ENV } from '../../helpers/run-cli.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { createGroupRoles, teamClient } from '../../helpers/team-clients.ts';

const tempDir = useTempDirs();

describe.skipIf(postgresUnavailable !== undefined)('reading documents on a shared index with groups', () => {
  let server: PrivatePostgres;
  let design: string;
  let open: string;
  let root: string;
  const engines: Engine[] = [];

  /** An engine on the shared index, connected as `role`. */
  async function engineAs(role: string): Promise<Engine> {
    const engine = await teamClient(urlAs(role), role, await mkdtemp(join(root, 'local-')));
    engines.push(engine);
    return engine;
  }

  const urlAs = (role: string) => server.urlOf('reads').replace('trove@', `${role}@`);

  beforeAll(async () => {
    server = startPrivatePostgres();
    server.createDatabase('reads');
    // Kept for the whole file (tempDir's folders go after each test): the engines of beforeAll read from it.
    root = await mkdtemp(join(tmpdir(), 'trove-team-read-'));
    design = join(root, 'design');
    open = join(root, 'open');
    await writeFiles(design, { 'hangar.md': '# Hangar\n\nThe zeppelin hangar plans for the spring launch.\n' });
    await writeFiles(open, { 'welcome.md': '# Welcome\n\nThe zeppelin tour starts at noon.\n' });
    const admin = await engineAs('trove');
    await admin.index([design, open]);
    await createGroupRoles(server.urlOf('reads'), [`UPDATE folders SET group_role = 'designers' WHERE path = '${design}'`]);
  });

  afterAll(async () => {
    for (const engine of engines) await engine.dispose();
    server?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it("a user of another group cannot read a group's file by its path; a member and everyone for an ungrouped folder can", async () => {
    const alice = await engineAs('alice');
    const bob = await engineAs('bob');
    const hangar = join(design, 'hangar.md');
    expect((await readDocument(alice, { path: hangar })).text).toContain('zeppelin hangar');
    const refused = await readDocument(bob, { path: hangar }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ReadRefusedError);
    expect((refused as ReadRefusedError).reason).toBe('outside-folders');
    expect((await readDocument(bob, { path: join(open, 'welcome.md') })).text).toContain('tour starts at noon');
  });

  it('trove --store … mcp: the read tool and search answer as the connecting user', async () => {
    const hangar = join(design, 'hangar.md');
    const asUser = async (role: string, work: (client: Client) => Promise<void>) => {
      const client = new Client({ name: 'trove-test', version: '1.0.0' });
      const env = { ...getDefaultEnvironment(), ...(CLI_TEST_ENV as Record<string, string>) };
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, '--data-dir', await tempDir(), '--store', urlAs(role), 'mcp'], env, stderr: 'pipe' }));
      try {
        await work(client);
      } finally {
        await client.close();
      }
    };
    await asUser('bob', async (client) => {
      const read = await client.callTool({ name: 'read', arguments: { path: hangar } });
      expect(read.isError).toBe(true);
      expect(JSON.stringify(read.content)).toContain('will not read');
      const search = await client.callTool({ name: 'search', arguments: { query: 'zeppelin', mode: 'bm25' } });
      expect(JSON.stringify(search.structuredContent)).toContain('welcome.md');
      expect(JSON.stringify(search.structuredContent)).not.toContain('hangar.md');
    });
    await asUser('alice', async (client) => {
      const read = await client.callTool({ name: 'read', arguments: { path: hangar } });
      expect(read.isError, JSON.stringify(read.content)).toBeFalsy();
      expect(JSON.stringify(read.structuredContent)).toContain('zeppelin hangar');
    });
  });
});
