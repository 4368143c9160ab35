// "Covered or not" on both stores: the relevance gate weighs the question's terms with the statistics of the
// index searched — this computer's SQLite file, or the team's PostgreSQL index — so a question naming something
// no file mentions is declined on a team index as it is on a local one.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractReadFile } from '../../../electron/core/extract/index.ts';
import { ENGINE_KINDS } from '../../helpers/engine-on-store.ts';
import { OFFICE_FILES as FILES, writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe.each(ENGINE_KINDS)('covered or not, on the $name store', (kind) => {
  afterAll(() => kind.release());

  it.skipIf(kind.unavailable !== undefined)('answers from the files, and declines a question naming what no file mentions', async () => {
    const folder = await tempDir();
    await writeFiles(folder, FILES);
    const { engine } = await kind.open(tempDir, { extract: extractReadFile });
    try {
      await engine.index([folder]);
      const receipts = await engine.ask('When are receipts due?');
      expect(receipts.kind).toBe('extractive');
      expect(receipts.citations.map((c) => c.path)).toEqual([join(folder, 'finance/receipts.md')]);
      // Every other word is in the laptops file; "ThinkPad" is in none.
      expect(await engine.ask('Who sets up new ThinkPad laptops on the first day?')).toMatchObject({ kind: 'abstained' });
      expect((await engine.ask('Who sets up new laptops on the first day?')).citations.map((c) => c.path)).toEqual([join(folder, 'it/laptops.txt')]);
    } finally {
      await engine.dispose();
    }
  });
});
