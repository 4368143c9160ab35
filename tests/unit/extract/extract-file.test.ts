import { chmod, mkdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ExtractionError } from '../../../electron/core/errors.ts';
import { DEFAULT_MAX_BYTES, extractBytes, extractFile } from '../../../electron/core/extract/index.ts';
import { makeDocx, useTempDir } from './fixtures.ts';

const isRoot = process.getuid?.() === 0;

async function failure(promise: Promise<unknown>): Promise<ExtractionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExtractionError);
  const extractionError = error as ExtractionError;
  // One line, says what happened, no stack or parser dump.
  expect(extractionError.message).not.toMatch(/\n/);
  expect(extractionError.message.length).toBeLessThanOrEqual(200);
  return extractionError;
}

describe('extractFile', () => {
  const dir = useTempDir();

  it('dispatches each format by extension and reports the encoding of text formats', async () => {
    const cases: Array<[string, string | Uint8Array, string]> = [
      ['notes.txt', 'Hello there.\n', 'text'],
      ['readme.md', '# Title\n\nBody\n', 'markdown'],
      ['main.py', 'def f():\n    return 1\n', 'code'],
      ['page.html', '<title>T</title><p>Hi</p>', 'html'],
      ['data.csv', 'a,b\n1,2\n', 'csv'],
      ['data.tsv', 'a\tb\n1\t2\n', 'csv'],
      ['config.json', '{"a": 1}', 'json'],
      ['events.ndjson', '{"a":1}\n{"a":2}\n', 'json'],
      ['letter.docx', await makeDocx([{ text: 'Dear reader' }]), 'docx'],
    ];
    for (const [name, content, format] of cases) {
      const doc = await extractFile(await dir.write(name, content));
      expect(doc.format, name).toBe(format);
      expect(doc.blocks.length, name).toBeGreaterThan(0);
      if (format !== 'docx') expect(doc.encoding, name).toBe('utf-8');
    }
    expect((await extractFile(dir.path('data.tsv'))).blocks[0]?.text).toBe('Columns: a; b\na: 1; b: 2');
  });

  it('decodes UTF-16LE with BOM, UTF-16 without BOM and Latin-1 files', async () => {
    const utf16WithBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße aus Köln\n\nZweiter Absatz\n', 'utf16le')]);
    const withBom = await extractFile(await dir.write('bom16.txt', utf16WithBom));
    expect(withBom).toMatchObject({ encoding: 'utf-16le', blocks: [{ text: 'Grüße aus Köln', startLine: 1 }, { text: 'Zweiter Absatz', startLine: 3 }] });
    expect(withBom.blocks[0]?.startChar).toBe(0); // offsets index the decoded text, BOM stripped

    const noBom = await extractFile(await dir.write('nobom16.md', Buffer.from('# Heading\n\nText here\n', 'utf16le')));
    expect(noBom).toMatchObject({ encoding: 'utf-16le', title: 'Heading' });

    const latin1 = await extractFile(await dir.write('latin1.txt', Buffer.from('Le caf\xe9 est tr\xe8s bon.\n', 'latin1')));
    expect(latin1).toMatchObject({ encoding: 'windows-1252', blocks: [{ text: 'Le café est très bon.' }] });

    const invalid = await extractFile(await dir.write('invalid.txt', Buffer.from('ok \xc3\x28 still ok\n', 'latin1')));
    expect(invalid.encoding).not.toBe('utf-8');
    expect(invalid.blocks[0]?.text).toMatch(/^ok .+ still ok$/);
  });

  it('refuses binary content in a text-type file as UNSUPPORTED_TYPE', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const error = await failure(extractFile(await dir.write('image.txt', png)));
    expect(error.code).toBe('UNSUPPORTED_TYPE');
    expect(error.message).toMatch(/binary/);
  });

  it('refuses files over the size limit as TOO_LARGE, before reading them', async () => {
    const path = await dir.write('big.txt', 'x'.repeat(2048));
    const error = await failure(extractFile(path, { maxBytes: 1024 }));
    expect(error).toMatchObject({ code: 'TOO_LARGE', path, message: 'File is 2 KiB, over the 1 KiB limit.' });
    expect(DEFAULT_MAX_BYTES).toBe(50 * 1024 * 1024);
    await expect(extractFile(path, { maxBytes: 4096 })).resolves.toMatchObject({ format: 'text' });
  });

  it('reports a missing file as VANISHED', async () => {
    const path = dir.path('gone.md');
    expect(await failure(extractFile(path))).toMatchObject({ code: 'VANISHED', path });
  });

  it('reports unsupported extensions without touching the disk', async () => {
    const error = await failure(extractFile(dir.path('photo.heic')));
    expect(error).toMatchObject({ code: 'UNSUPPORTED_TYPE', message: '".heic" files are not indexed.' });
    // A name that does not say is decided by the bytes: text is read, a binary refused.
    await expect(extractFile(await dir.write('notes-without-extension', 'just text'))).resolves.toMatchObject({ format: 'text' });
    const binary = await failure(extractFile(await dir.write('blob-without-extension', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]))));
    expect(binary).toMatchObject({ code: 'UNSUPPORTED_TYPE', message: 'The file looks binary, not text.' });
  });

  it('refuses a directory with a supported name', async () => {
    await mkdir(dir.path('folder.md'));
    expect((await failure(extractFile(dir.path('folder.md')))).code).toBe('UNSUPPORTED_TYPE');
  });

  it.skipIf(isRoot || process.platform === 'win32')('reports unreadable files as PERMISSION_DENIED', async () => {
    const path = await dir.write('secret.txt', 'top secret');
    await chmod(path, 0o000);
    try {
      expect((await failure(extractFile(path))).code).toBe('PERMISSION_DENIED');
    } finally {
      await chmod(path, 0o600);
    }
  });

  it('reports parser failures as PARSE_FAILED with a one-line message', async () => {
    const json = await failure(extractFile(await dir.write('broken.json', '{\n  "a": 1,\n  "b": \n}\n')));
    expect(json.code).toBe('PARSE_FAILED');
    expect(json.message).toMatch(/^Invalid JSON/);
    const csv = await failure(extractFile(await dir.write('broken.csv', 'a,b\n1,"unclosed\n')));
    expect(csv.code).toBe('PARSE_FAILED');
    expect(csv.message).toMatch(/^Could not read this CSV file: /);
  });

  it('extracts bytes already in memory', async () => {
    const doc = await extractBytes(new TextEncoder().encode('a\tb\n1\t2\n'), 'csv', '/virtual/data.tsv');
    expect(doc.blocks[0]?.text).toBe('Columns: a; b\na: 1; b: 2');
  });
});
