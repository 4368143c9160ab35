import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ExtractionError } from '../../../electron/core/errors.ts';
import { whyUnsupported } from '../../../electron/core/extract/file-support.ts';
import { extractFile } from '../../../electron/core/extract/index.ts';
import { useTempDir } from './fixtures.ts';

async function refusal(promise: Promise<unknown>): Promise<ExtractionError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractionError);
  return error as ExtractionError;
}

describe('files read by their content', () => {
  const dir = useTempDir();

  it('reads extension-less and unknown-extension text files as text', async () => {
    for (const name of ['README.Debian', 'copyright', 'count.awk', 'trove.service', 'settings.example']) {
      const path = await dir.write(name, `Notes for ${name}\n\nSecond paragraph.\n`);
      expect(await whyUnsupported(path), name).toBeUndefined();
      const doc = await extractFile(path);
      expect(doc.format, name).toBe('text');
      expect(doc.blocks.map((b) => [b.text, b.startLine]), name).toEqual([[`Notes for ${name}`, 1], ['Second paragraph.', 3]]);
    }
  });

  it('skips binaries without a known extension from their head, and never-text names unopened', async () => {
    const blob = await dir.write('blob', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(64 * 1024)]));
    expect(await whyUnsupported(blob)).toBe('The file looks binary, not text');
    expect((await refusal(extractFile(blob))).code).toBe('UNSUPPORTED_TYPE');
    // Never opened: a name that does not exist still gets its verdict.
    expect(await whyUnsupported(dir.path('missing-photo.gif'))).toBe('".gif" files are not indexed');
  });

  it('reads gzip-compressed text, cited on the uncompressed lines', async () => {
    const changelog = 'trove (1.2) stable; urgency=low\n\n  * Reads changelog files compressed with gzip.\n';
    const path = await dir.write('changelog.Debian.gz', gzipSync(changelog));
    expect(await whyUnsupported(path)).toBeUndefined();
    const doc = await extractFile(path);
    expect(doc).toMatchObject({ format: 'text', encoding: 'utf-8' });
    expect(doc.blocks.map((b) => [b.text, b.startLine])).toEqual([['trove (1.2) stable; urgency=low', 1], ['  * Reads changelog files compressed with gzip.', 3]]);

    const markdown = await extractFile(await dir.write('guide.md.gz', gzipSync('# Guide\n\nCompressed Markdown.\n')));
    expect(markdown).toMatchObject({ format: 'markdown', title: 'Guide' });
  });

  it('refuses a gzip bomb once the uncompressed size passes the limit, and damaged gzip', async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 2 ** 20, 'a'));
    expect(bomb.byteLength).toBeLessThan(2 ** 16);
    const path = await dir.write('bomb.txt.gz', bomb);
    const tooLarge = await refusal(extractFile(path, { maxBytes: 2 ** 20 }));
    expect(tooLarge).toMatchObject({ code: 'TOO_LARGE', path });
    expect(tooLarge.message).toMatch(/unpacks to more than the 1 MiB limit/);

    const damaged = await dir.write('damaged.txt.gz', Buffer.concat([gzipSync('some text\n').subarray(0, 12), randomBytes(64)]));
    expect((await refusal(extractFile(damaged))).code).toBe('PARSE_FAILED');
    expect(await whyUnsupported(await dir.write('fake.gz', 'not compressed at all\n'))).toBe('The file is named .gz but is not readable gzip data');
  });

  it('skips a gzip-compressed binary by its uncompressed head', async () => {
    const path = await dir.write('blob.gz', gzipSync(Buffer.concat([Buffer.from([0, 1, 2, 3]), randomBytes(32 * 1024)])));
    expect(await whyUnsupported(path)).toBe('The file looks binary, not text');
  });
});
