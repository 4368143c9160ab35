import { appendFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { extractReadFile, readBoundedFile } from '../../../electron/core/extract/index.ts';
import { REFRESH_BUDGET_BYTES } from '../../../electron/core/index/refresh-on-read.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** An engine over `files` (no chat model: extractive answers) that counts every file read for indexing. */
async function indexedEngine(files: Record<string, string>) {
  const folder = await tempDir();
  await writeFiles(folder, files);
  const reads: string[] = [];
  const engine = new Engine({
    store: Store.open(join(await tempDir(), 'trove.db')),
    extract: extractReadFile,
    readFile: (path, maxBytes) => {
      reads.push(path);
      return readBoundedFile(path, maxBytes);
    },
  });
  await engine.index([folder]);
  return { folder, engine, reads };
}

const citedPaths = (result: { citations: { path: string }[] }) => result.citations.map((c) => c.path).sort();

describe('engine.ask brings the files behind its passages up to date first', () => {
  it('reads nothing for unchanged files, and only the changed file when one changed', async () => {
    const { folder, engine, reads } = await indexedEngine({
      'garden/watering.md': '# Watering\n\nWater the tomato beds every morning before nine.\n',
      'garden/tools.md': '# Tools\n\nThe tomato cages are stored in the shed.\n',
    });
    reads.length = 0;
    const unchanged = await engine.ask('When are the tomato beds watered?');
    expect(reads).toEqual([]);
    expect(unchanged.notices.join(' ')).not.toMatch(/up to date/);
    expect(citedPaths(unchanged)).toContain(join(folder, 'garden/watering.md'));

    await writeFile(join(folder, 'garden/watering.md'), '# Watering\n\nThe tomato beds are watered at dusk, twice a week.\n');
    const changed = await engine.ask('When are the tomato beds watered?');
    expect(reads).toEqual([join(folder, 'garden/watering.md')]);
    expect(changed.answer.replaceAll('**', '')).toContain('watered at dusk');
    expect(changed.answer).not.toContain('before nine');
    await engine.dispose();
  });

  it('leaves a large changed file out of the answer, says so and queues it; the next index run takes it', async () => {
    const filler = Array.from({ length: 40_000 }, (_, i) => `Line ${i} of the station log records routine weather readings.`).join('\n');
    const { folder, engine, reads } = await indexedEngine({
      'big/log.txt': `# Station log\n\n## Permits\n\nGlacier survey permits are issued by the park office.\n\n## Readings\n\n${filler}\n`,
      'small/permits.md': '# Permits\n\nGlacier survey permits need a signed safety form.\n',
    });
    const big = join(folder, 'big/log.txt');
    expect((await stat(big)).size).toBeGreaterThan(REFRESH_BUDGET_BYTES);
    expect((await engine.ask('Who issues glacier survey permits?')).citations.map((c) => c.path)).toContain(big);

    await appendFile(big, '\nGlacier survey permits are now issued online.\n');
    reads.length = 0;
    const result = await engine.ask('Who issues glacier survey permits?');
    expect(reads).toEqual([]); // not re-indexed while the question waited
    expect(citedPaths(result)).toEqual([join(folder, 'small/permits.md')]);
    expect(result.answer).not.toContain('park office');
    expect(result.notices).toContainEqual(expect.stringMatching(new RegExp(`^${big} changed since it was indexed and is too large to re-index`)));
    expect(engine.status().queue.pending).toBe(1);

    await engine.index();
    expect(reads).toEqual([big]);
    expect(engine.status().queue.pending).toBe(0);
    expect(citedPaths(await engine.ask('Who issues glacier survey permits online?'))).toContain(big);
    await engine.dispose();
  });

  it('removes deleted files and files now excluded by an ignore file before answering', async () => {
    const { folder, engine } = await indexedEngine({
      'a/bees.md': '# Bees\n\nThe beehive inspection happens every second Sunday.\n',
      'b/bees-draft.md': '# Bees draft\n\nThe beehive inspection is monthly.\n',
      'c/bees-old.md': '# Old\n\nThe beehive inspection was weekly.\n',
    });
    await rm(join(folder, 'c/bees-old.md'));
    await writeFile(join(folder, '.troveignore'), 'b/\n');
    const result = await engine.ask('How often is the beehive inspection?');
    expect(citedPaths(result)).toEqual([join(folder, 'a/bees.md')]);
    expect(result.notices).toContain('Brought 2 file(s) that changed or were deleted since indexing up to date before answering.');
    expect(engine.status().counts.documents).toBe(1);
    await engine.dispose();
  });

  it('keeps a paused folder’s changed file queued and out of the answer', async () => {
    const { folder, engine, reads } = await indexedEngine({ 'owls.md': '# Owls\n\nThe barn owls nest in the north loft.\n' });
    engine.updateFolderSettings(folder, { paused: true });
    await writeFile(join(folder, 'owls.md'), '# Owls\n\nThe barn owls moved to the old oak.\n');
    reads.length = 0;
    const result = await engine.ask('Where do the barn owls nest?');
    expect(reads).toEqual([]);
    expect(result.kind).toBe('abstained');
    expect(result.notices).toContainEqual(expect.stringMatching(/owls\.md does not match its index entry and could not be re-indexed now/));
    expect(engine.status().queue.pending).toBe(1);
    await engine.dispose();
  });
});
