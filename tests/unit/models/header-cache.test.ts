import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cachedWhileUnchanged } from '../../../electron/core/models/header-cache.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** A reader over real files that counts its reads. */
function countingReader(): { read: (path: string) => Promise<string>; reads: string[] } {
  const reads: string[] = [];
  return { reads, read: async (path) => (reads.push(path), readFile(path, 'utf8')) };
}

describe('header reads cached while the file is unchanged', () => {
  test('reads an unchanged file once, and again once its size or time changed', async () => {
    const file = join(await tempDir(), 'a.gguf');
    await writeFile(file, 'first');
    const { read, reads } = countingReader();
    const cached = cachedWhileUnchanged(read);
    expect(await cached(file)).toBe('first');
    expect(await cached(file)).toBe('first');
    expect(reads).toEqual([file]);

    await writeFile(file, 'second, longer');
    expect(await cached(file)).toBe('second, longer');
    expect(reads).toEqual([file, file]);
  });

  test('does not remember failures, and lets the reader report a missing file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'replaced.gguf');
    await writeFile(file, 'damaged');
    let calls = 0;
    const cached = cachedWhileUnchanged(async (path) => {
      calls++;
      if (calls === 1) throw new Error('damaged header');
      return readFile(path, 'utf8');
    });
    await expect(cached(file)).rejects.toThrow('damaged header');
    expect(await cached(file)).toBe('damaged');
    expect(calls).toBe(2);

    const { read, reads } = countingReader();
    const missing = join(dir, 'missing.gguf');
    await expect(cachedWhileUnchanged(read)(missing)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(reads).toEqual([missing]);
  });

  test('keeps at most maxEntries files, forgetting the oldest', async () => {
    const dir = await tempDir();
    const files = ['a', 'b', 'c'].map((name) => join(dir, `${name}.gguf`));
    for (const file of files) await writeFile(file, file);
    const { read, reads } = countingReader();
    const cached = cachedWhileUnchanged(read, 2);
    for (const file of files) await cached(file);
    await cached(files[2] as string);
    await cached(files[0] as string);
    expect(reads).toEqual([...files, files[0]]);
  });
});
