import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { looksBinary } from '../../../electron/core/extract/binary.ts';
import { decodeText } from '../../../electron/core/extract/encoding.ts';

const SAMPLE = 'Café crème — naïve résumé\nsecond line\n';

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

describe('decodeText', () => {
  it('reads valid UTF-8 as utf-8', () => {
    expect(decodeText(Buffer.from(SAMPLE, 'utf8'))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('strips a UTF-8 byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
    expect(decodeText(bytes)).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('reads UTF-16LE and UTF-16BE with a byte-order mark, without the mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SAMPLE)]);
    expect(decodeText(le)).toEqual({ text: SAMPLE, encoding: 'utf-16le' });
    expect(decodeText(be)).toEqual({ text: SAMPLE, encoding: 'utf-16be' });
  });

  it('recognises UTF-16 without a byte-order mark from its NUL pattern', () => {
    const text = 'Plain notes in UTF-16, no BOM.\r\nLine two.\r\n';
    expect(decodeText(Buffer.from(text, 'utf16le'))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(utf16be(text))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('reads Latin-1 bytes (é as 0xE9) as windows-1252', () => {
    const bytes = Buffer.from('Le caf\xe9 est tr\xe8s bon.\n', 'latin1');
    expect(decodeText(bytes)).toEqual({ text: 'Le café est très bon.\n', encoding: 'windows-1252' });
  });

  it('falls back to windows-1252 when the guess is too weak (a single accented word)', () => {
    expect(decodeText(Buffer.from('caf\xe9', 'latin1'))).toEqual({ text: 'café', encoding: 'windows-1252' });
  });

  it('decodes invalid UTF-8 without throwing, keeping the valid text', () => {
    const bytes = Buffer.from('hello \xc3\x28 world\n', 'latin1');
    const { text, encoding } = decodeText(bytes);
    expect(encoding).not.toBe('utf-8');
    expect(text).toContain('hello');
    expect(text).toContain('world');
  });

  it('uses chardet for confident legacy guesses (Shift_JIS)', () => {
    const text = 'これは日本語のテキストです。東京は大きな都市です。';
    expect(decodeText(iconv.encode(text, 'shift_jis'))).toEqual({ text, encoding: 'shift_jis' });
  });

  it('decodes an empty file as empty UTF-8 text', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });
});

describe('looksBinary', () => {
  it('flags NUL bytes and control-heavy content', () => {
    expect(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]))).toBe(true);
    expect(looksBinary(Buffer.from('text\0more text'))).toBe(true);
    expect(looksBinary(Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))))).toBe(true);
  });

  it('accepts text, including UTF-16 and logs with ANSI colours', () => {
    expect(looksBinary(Buffer.from(SAMPLE))).toBe(false);
    expect(looksBinary(Buffer.from('plain text, no BOM', 'utf16le'))).toBe(false);
    expect(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x', 'utf16le')]))).toBe(false);
    expect(looksBinary(Buffer.from('\x1b[32mINFO\x1b[0m started\n\x1b[31mERROR\x1b[0m failed\n'))).toBe(false);
    expect(looksBinary(new Uint8Array())).toBe(false);
  });
});
