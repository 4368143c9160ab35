// The engine's indexing through the indexing ports, on both stores: a first run indexes every file, a second
// touches nothing, an edited file is re-indexed, a deleted one removed, and search and status see each step.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/core/engine.ts';
import { extractReadFile } from '../../../electron/core/extract/index.ts';
import { ENGINE_KINDS } from '../../helpers/engine-on-store.ts';
import { HashingEmbedder } from '../../helpers/fake-embedder.ts';
import { SAMPLE_FILES, writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function paths(engine: Engine, query: string, mode: 'bm25' | 'hybrid'): Promise<string[]> {
  return (await engine.search(query, { mode, k: 3 })).results.map((hit) => hit.path);
}

describe.each(ENGINE_KINDS)('indexing into the $name store', (kind) => {
  afterAll(() => kind.release());

  it.skipIf(kind.unavailable !== undefined)('indexes, skips unchanged files, re-indexes edits and removes deleted files', async () => {
    const folder = await tempDir();
    await writeFiles(folder, { ...SAMPLE_FILES, 'photo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]) });
    const { engine } = await kind.open(tempDir, { embedder: new HashingEmbedder(16), extract: extractReadFile });
    try {
      const [first] = await engine.index([folder]);
      expect(first).toMatchObject({ files: 9, indexed: 8, skipped: 1, failed: 0, removed: 0 });
      const vacation = join(folder, 'handbook/vacation.md');
      expect((await paths(engine, 'how many vacation days', 'bm25'))[0]).toBe(vacation);
      expect((await paths(engine, 'how many vacation days', 'hybrid'))[0]).toBe(vacation);

      const [second] = await engine.index();
      expect(second).toMatchObject({ indexed: 0, unchanged: 9, skipped: 0, failed: 0 });

      await writeFile(vacation, '# Leave\n\nA sabbatical of three months after five years of service.\n');
      await rm(join(folder, 'notes/meeting.txt'));
      const [third] = await engine.index();
      expect(third).toMatchObject({ indexed: 1, removed: 1, failed: 0 });
      expect((await paths(engine, 'sabbatical', 'bm25'))[0]).toBe(vacation);
      expect(await paths(engine, 'quarterly roadmap', 'bm25')).not.toContain(join(folder, 'notes/meeting.txt'));

      const status = await engine.indexStatus();
      expect(status.counts).toMatchObject({ documents: 8, indexed: 7, skipped: 1, failed: 0, staleVectors: 0 });
      expect(status.counts.vectors).toBe(status.counts.chunks);
      expect(status.folders).toEqual([expect.objectContaining({ path: folder, documents: 8, skipped: 1, pending: 0, status: 'active' })]);
      expect(status.problems).toEqual([expect.objectContaining({ path: join(folder, 'photo.png'), code: 'UNSUPPORTED_TYPE' })]);
      expect(status.queue).toEqual({ pending: 0, failed: [] });
    } finally {
      await engine.dispose();
    }
  });
});
