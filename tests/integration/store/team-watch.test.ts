// Live folders on a shared index: client A keeps a folder live with `watch` on PostgreSQL while client B, another
// engine on the same database, finds a newly written file within 2 s; and `trove watch --store` as a user runs it
// (a child process, stopped with Ctrl-C) keeps the shared index current for another data directory's searches.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/core/engine.ts';
import { openPostgres } from '../../../native/postgres.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { teamClient } from '../../helpers/team-clients.ts';
import { spawnWatch, TEST_TIMING, waitFor } from '../watch/watch-helpers.ts';

const tempDir = useTempDirs();
const FOUND_WITHIN_MS = 2_000;

describe.skipIf(postgresUnavailable !== undefined)('live folders on a shared index', () => {
  let server: PrivatePostgres;

  beforeAll(() => {
    server = startPrivatePostgres();
  });

  afterAll(() => server?.dispose());

  const client = async (database: string, clientName: string): Promise<Engine> => teamClient(server.urlOf(database), clientName, await tempDir());

  it("B finds a file within 2 s of its being written into a folder A's watch keeps live", async () => {
    server.createDatabase('watched');
    const folder = await tempDir();
    await writeFiles(folder, { 'old.md': '# Old\n\nnothing new here\n' });
    const a = await client('watched', 'client-a');
    const b = await client('watched', 'client-b');
    try {
      await a.index([folder]);
      const live = await a.watch({ timing: TEST_TIMING, folderCheckMs: 200 });
      try {
        const newFile = join(folder, 'new.md');
        const written = performance.now();
        await writeFile(newFile, '# Launch\n\nThe zeppelin launch checklist.\n');
        await waitFor(async () => (await b.search('zeppelin checklist', { mode: 'bm25' })).results[0]?.path === newFile, 'B to find the new file', 4 * FOUND_WITHIN_MS);
        const elapsed = performance.now() - written;
        process.stdout.write(`shared watch save-to-found: ${elapsed.toFixed(0)} ms\n`);
        expect(elapsed).toBeLessThan(FOUND_WITHIN_MS);
      } finally {
        await live.dispose();
      }
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it('two clients watching one folder: one works at a time (its lease), every change indexed once', async () => {
    server.createDatabase('both');
    const folder = await tempDir();
    await writeFiles(folder, { 'a.md': '# A\n\nalpha\n' });
    const a = await client('both', 'client-a');
    const b = await client('both', 'client-b');
    const indexedBy: Record<string, string[]> = { a: [], b: [] };
    try {
      await a.index([folder]);
      const watches = [
        await a.watch({ timing: TEST_TIMING, folderCheckMs: 200, onFile: (event) => void (event.outcome === 'indexed' && indexedBy.a?.push(event.path)) }),
        await b.watch({ timing: TEST_TIMING, folderCheckMs: 200, onFile: (event) => void (event.outcome === 'indexed' && indexedBy.b?.push(event.path)) }),
      ];
      try {
        const files = Array.from({ length: 6 }, (_, i) => join(folder, `note-${i}.md`));
        for (const [i, file] of files.entries()) await writeFile(file, `# Note ${i}\n\nThe heron count number ${i}.\n`);
        await waitFor(async () => (await b.search('heron count', { mode: 'bm25', k: 20 })).results.length === files.length, 'every note searchable', 20_000);
        await Promise.all(watches.map((live) => live.idle()));
        // Both watchers saw every change; each file was written by one of them only.
        const written = [...(indexedBy.a ?? []), ...(indexedBy.b ?? [])].filter((path) => files.includes(path));
        expect(written.sort()).toEqual([...files].sort());
        const sql = openPostgres(server.urlOf('both'));
        try {
          expect(Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM documents')).rows[0]?.n)).toBe(files.length + 1);
        } finally {
          await sql.end();
        }
      } finally {
        await Promise.all(watches.map((live) => live.dispose()));
      }
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });

  it("a client on whose machine a team folder is missing leaves the folder's shared status alone (watch and index)", async () => {
    server.createDatabase('missing');
    const folder = await tempDir();
    await writeFiles(folder, { 'a.md': '# A\n\nalpha\n' });
    const a = await client('missing', 'client-a');
    const elsewhere = await client('missing', 'client-without-the-share');
    try {
      await a.index([folder]);
      await rm(folder, { recursive: true });
      const folderEvents: string[] = [];
      const live = await elsewhere.watch({ timing: TEST_TIMING, folderCheckMs: 200, onFolder: (event) => folderEvents.push(event.kind) });
      await live.dispose();
      expect(folderEvents).toEqual([]);
      // Nor does re-indexing every registered folder from there.
      expect(await elsewhere.index()).toEqual([]);
      expect((await a.indexStatus()).folders.find((f) => f.path === folder)?.status).toBe('active');
    } finally {
      await Promise.all([a.dispose(), elsewhere.dispose()]);
    }
  });

  it('trove watch --store keeps the shared index current and stops cleanly on Ctrl-C', async () => {
    server.createDatabase('cli');
    const url = server.urlOf('cli');
    const folder = await tempDir();
    await writeFiles(folder, { 'plan.md': 'The kestrel survey starts in May.\n' });
    const watcherData = await tempDir();
    const searcherData = await tempDir();
    expect((await runCli(['--store', url, '--data-dir', watcherData, 'index', folder])).code).toBe(0);

    let stopped: number | null = null;
    const watch = spawnWatch(['--store', url, 'watch', '--json', '--data-dir', watcherData]);
    try {
      await waitFor(() => watch.stdout().includes('"event":"ready","folders":1'), 'watch to be ready', 30_000);
      await writeFile(join(folder, 'plan.md'), 'The kestrel survey moved to June.\n');
      await waitFor(async () => {
        // Another machine's view: its own data directory, the same shared index.
        const search = await runCli(['--store', url, '--data-dir', searcherData, 'search', 'kestrel june', '--json', '--mode', 'bm25']);
        return (JSON.parse(search.stdout).results as { text: string }[])[0]?.text.includes('June') === true;
      }, 'the edit to be searchable from another client', 30_000);
    } finally {
      stopped = await watch.stop();
    }
    expect(stopped).toBe(0);
    expect(watch.stderr()).toContain('watching 1 of 1 folders');
    expect(watch.stderr()).not.toMatch(/\n\s+at /);
  });
});
