// The two-client test on a real PostgreSQL server: client A keeps indexing a folder (repeated `index`
// runs, as a scheduled job would) while client B, another engine on the same database, searches it and finds a
// newly written file within 2 s; and a server killed mid-index and started again leaves, once A finishes,
// every file indexed exactly once (counted in SQL).
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/core/engine.ts';
import { StoreError } from '../../../electron/core/errors.ts';
import { openPostgres } from '../../../native/postgres.ts';
import { postgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { teamClient } from '../../helpers/team-clients.ts';

const tempDir = useTempDirs();
const FOUND_WITHIN_MS = 2_000;

describe.skipIf(postgresUnavailable !== undefined)('two clients on one PostgreSQL index', () => {
  let server: PrivatePostgres;

  beforeAll(() => {
    server = startPrivatePostgres();
  });

  afterAll(() => server?.dispose());

  const client = async (database: string, clientName: string): Promise<Engine> => teamClient(server.urlOf(database), clientName, await tempDir());

  it('B finds a file A indexes within 2 s of its being written', async () => {
    server.createDatabase('live');
    const folder = await tempDir();
    await writeFiles(folder, { 'old.md': '# Old\n\nnothing new here\n' });
    const a = await client('live', 'client-a');
    const b = await client('live', 'client-b');
    let indexing = true;
    try {
      await a.index([folder]);
      // A keeps its folder up to date, one run after another, until the test ends.
      const loop = (async () => {
        while (indexing) {
          await a.index();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const newFile = join(folder, 'new.md');
      const written = performance.now();
      await writeFile(newFile, '# Launch\n\nThe zeppelin launch checklist.\n');
      let elapsed = Number.POSITIVE_INFINITY;
      while (performance.now() - written < 4 * FOUND_WITHIN_MS) {
        const hits = (await b.search('zeppelin checklist', { mode: 'bm25' })).results;
        if (hits[0]?.path === newFile) {
          elapsed = performance.now() - written;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      indexing = false;
      await loop;
      process.stdout.write(`two-client save-to-found: ${elapsed.toFixed(0)} ms\n`);
      expect(elapsed).toBeLessThan(FOUND_WITHIN_MS);
    } finally {
      indexing = false;
      await a.dispose();
      await b.dispose();
    }
  });

  it('a server killed mid-index and restarted leaves every file indexed exactly once', async () => {
    server.createDatabase('restart');
    const folder = await tempDir();
    const files = 60;
    await writeFiles(
      folder,
      Object.fromEntries(Array.from({ length: files }, (_, i) => [`d${i % 6}/f${i}.md`, `# Note ${i}\n\nUnique word w${i}x about topic ${i % 5}.\n`])),
    );
    const a = await client('restart', 'client-a');
    try {
      let killed = false;
      const interrupted = await a
        .index([folder], {
          onProgress: (progress) => {
            if (!killed && progress.phase === 'indexing' && progress.filesDone >= 10) {
              killed = true;
              server.stop('immediate');
            }
          },
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(killed).toBe(true);
      expect(interrupted).toBeInstanceOf(StoreError);
      expect((interrupted as StoreError).code).toBe('DB_UNAVAILABLE');
      expect((interrupted as StoreError).message).toMatch(/cannot be reached/);

      server.start();
      const [finished] = await a.index();
      expect(finished).toMatchObject({ files, failed: 0 });
      expect(finished?.heldBy).toBeUndefined();

      const sql = openPostgres(server.urlOf('restart'));
      try {
        const count = async (query: string) => Number((await sql.query<{ n: string }>(query)).rows[0]?.n);
        expect(await count('SELECT count(*) AS n FROM documents')).toBe(files);
        expect(await count("SELECT count(*) AS n FROM documents WHERE status = 'indexed'")).toBe(files);
        // Each file is one chunk: one chunk per path, none left over from the interrupted run, one vector each.
        expect(await count('SELECT count(*) AS n FROM (SELECT d.path FROM documents d JOIN chunks c ON c.document_id = d.id GROUP BY d.path HAVING count(*) <> 1) t')).toBe(0);
        expect(await count('SELECT count(*) AS n FROM chunks')).toBe(files);
        expect(await count('SELECT count(*) AS n FROM chunk_vectors')).toBe(files);
        expect(await count('SELECT chunks AS n FROM chunk_totals')).toBe(files);
        expect(await count('SELECT count(*) AS n FROM jobs')).toBe(0);
        const paths = (await sql.query<{ path: string }>('SELECT path FROM documents ORDER BY path')).rows.map((row) => row.path);
        expect(new Set(paths).size).toBe(files);
        expect(paths.every((path) => path.startsWith(folder))).toBe(true);
      } finally {
        await sql.end();
      }
      expect((await a.search('w17x', { mode: 'bm25' })).results[0]?.path).toBe(join(folder, 'd5/f17.md'));
    } finally {
      await a.dispose();
    }
  });
});
