// fs errors that a test cannot provoke portably (permission errors when running as root, a file vanishing
// between stat and read) are injected by wrapping node:fs/promises.
import * as fs from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { readBoundedFile } from '../../../electron/core/extract/read-file.ts';
import { useTempDir } from './fixtures.ts';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return { ...actual, stat: vi.fn(actual.stat), readFile: vi.fn(actual.readFile) };
});

function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('readBoundedFile', () => {
  const dir = useTempDir();

  it.each([
    ['EACCES', 'PERMISSION_DENIED'],
    ['EPERM', 'PERMISSION_DENIED'],
    ['ENOENT', 'VANISHED'],
    ['EIO', 'PARSE_FAILED'],
  ])('maps %s from stat to %s', async (code, expected) => {
    vi.mocked(fs.stat).mockRejectedValueOnce(fsError(code));
    await expect(readBoundedFile(dir.path('any.txt'), 1024)).rejects.toMatchObject({ code: expected, name: 'ExtractionError' });
  });

  it('reports a file removed between stat and read as VANISHED', async () => {
    const path = await dir.write('fleeting.txt', 'here for a moment');
    vi.mocked(fs.readFile).mockRejectedValueOnce(fsError('ENOENT'));
    await expect(readBoundedFile(path, 1024)).rejects.toMatchObject({ code: 'VANISHED', message: 'The file no longer exists.' });
  });

  it('checks the size again after reading, in case the file grew', async () => {
    const path = await dir.write('growing.txt', 'small');
    vi.mocked(fs.readFile).mockResolvedValueOnce(Buffer.alloc(4096));
    await expect(readBoundedFile(path, 1024)).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('returns the bytes of a file within the limit', async () => {
    const path = await dir.write('ok.txt', 'content');
    expect(Buffer.from(await readBoundedFile(path, 1024)).toString()).toBe('content');
  });
});
