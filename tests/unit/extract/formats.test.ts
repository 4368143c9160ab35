import { describe, expect, it } from 'vitest';
import { verdictFromName } from '../../../electron/core/extract/formats.ts';
import { detectFormat, isSupported, SUPPORTED_EXTENSIONS } from '../../../electron/core/extract/index.ts';
import { formatFromContent } from '../../../electron/core/extract/sniff.ts';

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
    ['message.eml', 'mail'],
    ['archive.mbox', 'mail'],
    ['changelog.gz', 'text'],
    ['notes.md.gz', 'markdown'],
    ['NEWS.TXT.GZ', 'text'],
  ] as const)('%s → %s', (path, format) => {
    expect(detectFormat(path)).toBe(format);
    expect(isSupported(path)).toBe(true);
  });

  it.each(['photo.heic', 'archive.zip', 'movie.mp4', 'old.ppt', 'old.xls', 'x.constructor', 'noextension', '.bashrc'])('%s is not supported', (path) => {
    expect(detectFormat(path)).toBeUndefined();
    expect(isSupported(path)).toBe(false);
  });

  it('leaves names it does not know to the bytes, and skips names that are never text unopened', () => {
    for (const path of ['README.Debian', 'copyright', 'script.awk', 'trove.service', 'config.example', 'changelog.Debian.gz', 'noextension']) {
      expect(verdictFromName(path), path).toEqual({ kind: 'by-content' });
      expect(detectFormat(path, 'text'), path).toBe('text');
    }
    for (const path of ['photo.gif', 'archive.zip', 'movie.mp4', 'lib.so', 'bundle.tar.gz']) {
      expect(verdictFromName(path), path).toEqual({ kind: 'never-text' });
      expect(detectFormat(path, 'text'), path).toBeUndefined();
    }
    // A known name is never overruled by what the bytes look like.
    expect(detectFormat('paper.pdf', 'text')).toBe('pdf');
  });

  it('reads text and PDFs by their first bytes and refuses binaries', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(formatFromContent(encode('%PDF-1.7\n'))).toBe('pdf');
    expect(formatFromContent(encode('Debian packaging notes\n'))).toBe('text');
    expect(formatFromContent(Buffer.from('Gr\xfc\xdfe aus K\xf6ln\n', 'latin1'))).toBe('text');
    expect(formatFromContent(Buffer.from('UTF-16 without a mark\n', 'utf16le'))).toBe('text');
    expect(formatFromContent(new Uint8Array(0))).toBe('text');
    expect(formatFromContent(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]))).toBeUndefined(); // ELF
    expect(formatFromContent(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]))).toBeUndefined(); // PNG
  });

  it('lists lower-case extensions without dots', () => {
    for (const ext of ['md', 'txt', 'ts', 'html', 'pdf', 'docx', 'csv', 'json']) expect(SUPPORTED_EXTENSIONS.has(ext)).toBe(true);
    for (const ext of SUPPORTED_EXTENSIONS) expect(ext).toMatch(/^[a-z0-9]+$/);
  });
});
