// `--store postgres://…` and TROVE_STORE: index, search, ask and status run on a shared PostgreSQL index (a
// private server), the local data directory keeps no documents, other commands refuse in one line, and the
// password in the URL is never printed.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const PASSWORD = 'hunter2-secret';

describe.skipIf(postgresUnavailable !== undefined)('the --store option', () => {
  let server: PrivatePostgres;

  beforeAll(() => {
    server = startPrivatePostgres();
    server.createDatabase('team');
  });

  afterAll(() => server?.dispose());

  it('indexes, searches, answers and reports status on the shared index, and never prints the password', async () => {
    const folder = await tempDir();
    // Two small files: each command is a child process with a time limit, on a machine that may be busy.
    await writeFiles(folder, {
      'handbook/vacation.md': '# Vacation policy\n\nEmployees accrue twenty days of paid vacation per year.\n',
      'notes/meeting.txt': 'Meeting notes\n\nThe quarterly roadmap review moved to Thursday.\n',
    });
    const dataDir = await tempDir();
    // The server trusts local connections, so any password is accepted: what matters is that it is never shown.
    const url = server.urlOf('team').replace('trove@', `trove:${PASSWORD}@`);
    const trove = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['--data-dir', dataDir, ...args], env);

    const indexed = await trove(['--store', url, '--json', 'index', folder]);
    expect(indexed.stderr).not.toContain(PASSWORD);
    expect(indexed.code, indexed.stderr).toBe(0);
    expect(JSON.parse(indexed.stdout).totals).toMatchObject({ indexed: 2, failed: 0 });

    // TROVE_STORE names the same index; a search finds what the other command indexed.
    const found = await trove(['--json', 'search', 'vacation days', '--mode', 'bm25'], { TROVE_STORE: url });
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout).results[0].path).toBe(join(folder, 'handbook/vacation.md'));

    const answered = await trove(['--store', url, '--json', 'ask', 'how many vacation days', '--mode', 'bm25']);
    expect(answered.code, answered.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(answered.stdout))).toContain('vacation.md');

    const status = await trove(['--store', url, 'status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('Documents: 2 indexed');
    expect(status.stdout).toContain(folder);
    for (const output of [found, answered, status]) expect(output.stdout + output.stderr).not.toContain(PASSWORD);

    // The documents are in PostgreSQL, not in the local file.
    const local = Store.open(join(dataDir, 'trove.db'));
    try {
      expect(local.counts().documents).toBe(0);
    } finally {
      local.dispose();
    }

    const refused = await trove(['--store', url, 'forget', folder]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')[0]).toContain('works on the local index only');

    // What stays on this machine (models, adapters, feedback, the audit log) works with TROVE_STORE set.
    const adapters = await trove(['--json', 'models', 'adapters'], { TROVE_STORE: url });
    expect(adapters.code, adapters.stderr).toBe(0);
    const audit = await trove(['audit'], { TROVE_STORE: url });
    expect(audit.code, audit.stderr).toBe(0);
  });

  it('says in one line when the database cannot be reached, without the password', async () => {
    const dataDir = await tempDir();
    const url = `postgresql://trove:${PASSWORD}@localhost/team?host=${encodeURIComponent(join(dataDir, 'no-server'))}`;
    const result = await runCli(['--data-dir', dataDir, '--store', url, 'status']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^trove: The index database postgresql:\/\/trove@localhost\/team.* cannot be reached/);
    expect(result.stderr).not.toContain(PASSWORD);
  });
});
