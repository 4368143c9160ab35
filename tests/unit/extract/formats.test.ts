import { describe, expect, it } from 'vitest';
import { detectFormat, isSupported, SUPPORTED_EXTENSIONS } from '../../../electron/core/extract/index.ts';

describe('detectFormat', () => {
  it.each([
    ['notes/readme.md', 'markdown'],
    ['a/b.MDX', 'markdown'],
    ['log/app.log', 'text'],
    ['doc.rst', 'text'],
    ['src/main.ts', 'code'],
    ['lib/x.py', 'code'],
    ['config.yaml', 'code'],
    ['page.HTM', 'html'],
    ['paper.pdf', 'pdf'],
    ['scan.png', 'image'],
    ['photo.JPEG', 'image'],
    ['fax.tiff', 'image'],
    ['screenshot.webp', 'image'],
    ['letter.docx', 'docx'],
    ['deck.pptx', 'slides'],
    ['deck.ODP', 'slides'],
    ['book.xlsx', 'spreadsheet'],
    ['book.ods', 'spreadsheet'],
    ['novel.epub', 'epub'],
    ['letter.odt', 'odt'],
    ['memo.rtf', 'rtf'],
    ['data.tsv', 'csv'],
    ['data.csv', 'csv'],
    ['events.jsonl', 'json'],
    ['package.json', 'json'],
    ['README', 'text'],
    ['Makefile', 'code'],
  ] as const)('%s → %s', (path, format) => {
    expect(detectFormat(path)).toBe(format);
    expect(isSupported(path)).toBe(true);
  });

  it.each(['photo.heic', 'archive.zip', 'movie.mp4', 'old.ppt', 'old.xls', 'x.constructor', 'noextension', '.bashrc'])('%s is not supported', (path) => {
    expect(detectFormat(path)).toBeUndefined();
    expect(isSupported(path)).toBe(false);
  });

  it('lets an extension-less PDF through by its magic bytes', () => {
    expect(detectFormat('scan', new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(detectFormat('scan', new TextEncoder().encode('hello'))).toBeUndefined();
  });

  it('lists lower-case extensions without dots', () => {
    for (const ext of ['md', 'txt', 'ts', 'html', 'pdf', 'docx', 'csv', 'json']) expect(SUPPORTED_EXTENSIONS.has(ext)).toBe(true);
    for (const ext of SUPPORTED_EXTENSIONS) expect(ext).toMatch(/^[a-z0-9]+$/);
  });
});
