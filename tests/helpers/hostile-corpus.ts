/**
 * The hostile-input corpus (issue 7), generated on disk at run time: broken, hostile and odd files next to good
 * ones, with what each must end as — a stable error code, or searchable by a word only it contains. Used by
 * tests/integration/hostile (test sizes) and scripts/bench/hostile.ts (full sizes: 500 MB file, 20,000 files).
 * No vitest imports, so the benchmark can use it.
 *
 * The caller runs with the corpus's assumptions: the folder size limit `sizeLimitBytes`, and a time limit
 * below what the page bomb takes to read (2,000 pages ≈ 10 s on 2 cores; 20,000 ≈ 100 s > the 60 s default).
 */
import { appendFile, chmod, mkdir, open, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ErrorCode } from '../../electron/core/errors.ts';
import { readBoundedFile } from '../../electron/core/extract/index.ts';
import * as bytes from './hostile-files.ts';
import { emlMessage, nestedMessages } from './mail-files.ts';

export interface HostileCorpusOptions {
  /** Tiny good files (bench: 20,000). */
  readonly tinyFiles: number;
  /** The folder size limit the run uses: one text file is written just under it. */
  readonly sizeLimitBytes: number;
  /** A text file this large is written; it must be over `sizeLimitBytes` (bench: 500 MB). */
  readonly overLimitBytes: number;
  /** Length of the one-line file (10 MB). */
  readonly longLineBytes: number;
  /** Binary files named .txt. */
  readonly binaryFiles: number;
  /** Pages of the page-bomb PDF, which must end TIMED_OUT (0: not written). */
  readonly pageBombPages: number;
  /** A file without read permission (PERMISSION_DENIED only when the indexer does not run as root). */
  readonly unreadable: boolean;
  /** Files that `raceReader` deletes, truncates or keeps changing while they are read. */
  readonly races: boolean;
  /** False writes only the good files: the benchmark's baseline. */
  readonly hostile: boolean;
}

export interface HostileCorpus {
  readonly root: string;
  /** Every bad file and the code it must be recorded with. */
  readonly expected: ReadonlyMap<string, ErrorCode>;
  /** Good files, each with a word found in it and nowhere else. */
  readonly searchable: readonly { readonly path: string; readonly word: string }[];
  /** Words that must find nothing (the part of a file cut off while it was read). */
  readonly gone: readonly string[];
  /** How many files must end indexed. */
  readonly goodFiles: number;
  /** Symbolic links (loops included) that must never be followed or indexed. */
  readonly links: readonly string[];
}

/** A word no other file holds. Fixed length and ending in q, so the stemmer leaves it alone. */
export function uniqueWord(prefix: string, n: number): string {
  const letters = Array.from({ length: 4 }, (_, i) => String.fromCharCode(97 + (Math.floor(n / 26 ** i) % 26))).join('');
  return `${prefix}${letters}q`;
}

const FILLER = 'the quick brown fox jumps over the lazy dog while the archive keeps growing ';

export async function writeHostileCorpus(root: string, options: HostileCorpusOptions): Promise<HostileCorpus> {
  const expected = new Map<string, ErrorCode>();
  const searchable: { path: string; word: string }[] = [];
  const gone: string[] = [];
  const links: string[] = [];
  const put = async (relative: string, content: string | Uint8Array) => {
    const path = join(root, relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    return path;
  };
  const good = async (relative: string, word: string, content: string | Uint8Array = `Note about ${word}.\n`) => {
    searchable.push({ path: await put(relative, content), word });
  };
  const bad = async (relative: string, code: ErrorCode, content: string | Uint8Array) => {
    if (options.hostile) expected.set(await put(relative, content), code);
  };

  for (let i = 0; i < options.tinyFiles; i++) await good(`tiny/${String(Math.floor(i / 1000))}/t${i}.md`, uniqueWord('tiny', i));
  await good('names/with spaces in the name.md', 'spacewordq');
  await good('names/emoji 🦊 fox.md', 'emojiwordq');
  await good('names/日本語のメモ.md', 'japanesewordq');
  await good('names/Ελληνικές σημειώσεις.md', 'greekwordq');
  await good('names/заметки.md', 'cyrillicwordq');
  await good('names/ملاحظات.md', 'arabicwordq');
  const deep = Array.from({ length: 50 }, (_, i) => `level-${String(i + 1).padStart(2, '0')}`).join('/');
  await good(`${deep}/deep.md`, 'deepwordq');
  await good('encodings/utf16le-bom.txt', 'utfleq', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('UTF-16 note utfleq.\n', 'utf16le')]));
  await good('encodings/utf16be-bom.txt', 'utfbeq', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('UTF-16 note utfbeq.\n', 'utf16le').swap16()]));
  await good('encodings/utf16le-nobom.txt', 'nobomleq', Buffer.from('UTF-16 note without mark nobomleq.\n', 'utf16le'));
  await good('encodings/utf16be-nobom.txt', 'nobombeq', Buffer.from('UTF-16 note without mark nobombeq.\n', 'utf16le').swap16());
  await good('encodings/invalid-utf8.txt', 'brokenutfq', Buffer.concat([Buffer.from('Invalid UTF-8 brokenutfq caf'), Buffer.from([0xe9, 0xc3, 0x28, 0xa0]), Buffer.from(' end.\n')]));
  await good('docs/good.pdf', 'pdfgoodq', await bytes.textPdf(['A readable PDF about pdfgoodq.']));
  await good('docs/good.docx', 'docxgoodq', await bytes.textDocx(['A readable Word document about docxgoodq.']));
  await good('mail/good.eml', 'mailgoodq', emlMessage({ subject: 'Good mail', text: 'See the attachment.', attachments: [{ name: 'note.txt', contentType: 'text/plain', content: 'Attached note about mailgoodq.\n' }] }));
  await good('content/README.Debian', 'debianreadmeq');
  await good('content/changelog.gz', 'gzipgoodq', gzipSync('Compressed changelog entry gzipgoodq.\n'));
  await good('big/long-line.txt', 'longlineq', `longlineq ${FILLER.repeat(Math.ceil(options.longLineBytes / FILLER.length))}longlineendq\n`);
  searchable.push({ path: join(root, 'big/long-line.txt'), word: 'longlineendq' });
  const underLimit = await fileOfSize(join(root, 'big/just-under-limit.txt'), options.sizeLimitBytes - 4096, 'underlimitq');
  searchable.push({ path: underLimit, word: 'underlimitq' });

  if (options.hostile) {
    await bad('docs/truncated.pdf', 'PARSE_FAILED', await bytes.truncatedPdf(900));
    await bad('docs/corrupt.pdf', 'PARSE_FAILED', bytes.corruptPdf());
    await bad('docs/encrypted.pdf', 'ENCRYPTED', bytes.encryptedPdf());
    await bad('docs/scanned.pdf', 'NO_TEXT', await bytes.textPdf(['', '']));
    if (options.pageBombPages > 0) await bad('docs/page-bomb.pdf', 'TIMED_OUT', bytes.pageBombPdf(options.pageBombPages));
    await bad('docs/zip-bomb.docx', 'TOO_LARGE', bytes.zipBombDocx(1024));
    await bad('docs/lying-zip-bomb.docx', 'PARSE_FAILED', bytes.zipBombDocx(1024, 4096));
    await bad('docs/not-a-zip.docx', 'PARSE_FAILED', randomBytes(2048));
    await bad('docs/zip-bomb.pptx', 'TOO_LARGE', bytes.zipBombPptx(1024));
    await bad('docs/lying-zip-bomb.pptx', 'PARSE_FAILED', bytes.zipBombPptx(1024, 4096));
    // Images are read by OCR; one declaring 50,000 × 50,000 pixels is refused from its header, never decoded.
    await bad('images/huge-dimensions.png', 'IMAGE_TOO_LARGE', bytes.hugeDimensionsPng(50_000, 50_000));
    await bad('images/not-an-image.jpg', 'PARSE_FAILED', randomBytes(2048));
    for (let i = 0; i < options.binaryFiles; i++) await bad(`binary/data-${i}.txt`, 'UNSUPPORTED_TYPE', randomBytes(4096));
    await bad('binary/no-extension', 'UNSUPPORTED_TYPE', randomBytes(4096));
    // A message attaching itself over and over: refused at the nesting limit after reading that many levels.
    await bad('mail/attachment-loop.eml', 'NESTING_LIMIT', nestedMessages(200, 'loopwordq'));
    // A few hundred KiB that unpack past the size limit: refused as soon as the output passes it.
    await bad('content/gzip-bomb.txt.gz', 'TOO_LARGE', gzipSync(Buffer.alloc(options.sizeLimitBytes + 2 ** 20, 'a'), { level: 9 }));
    const over = await fileOfSize(join(root, 'big/over-limit.txt'), options.overLimitBytes, 'overlimitq');
    expected.set(over, 'TOO_LARGE');
    if (options.unreadable) {
      await bad('private/secret.md', 'PERMISSION_DENIED', 'Harbour plans.\n');
      await chmod(join(root, 'private/secret.md'), 0o000);
    }
    await mkdir(join(root, 'links/sub'), { recursive: true });
    for (const [name, target] of [['links/self', '.'], ['links/up', '..'], ['links/a', 'b'], ['links/b', 'a'], ['links/sub/root', '../..']]) {
      await symlink(target as string, join(root, name as string));
      links.push(join(root, name as string));
    }
  }
  if (options.races && options.hostile) {
    await bad('race/deleted.md', 'VANISHED', 'Deleted while read: vanishq.\n');
    await bad('race/churning.md', 'FILE_CHANGED', 'Changing while read.\n');
    await good('race/truncated.md', 'keptheadq', `Kept head keptheadq.\n${'padding line\n'.repeat(50)}Cut tail cuttailq.\n`);
    gone.push('cuttailq', 'vanishq');
  }
  return { root, expected, searchable, gone, goodFiles: new Set(searchable.map((s) => s.path)).size, links };
}

/**
 * The indexer's file reader with the races of `races: true` played deterministically at the worst moment,
 * between the indexer's stat and its read: a file deleted, one truncated once, one appended to on every read.
 */
export function raceReader(root: string): (path: string, maxBytes: number) => Promise<Uint8Array> {
  let truncated = false;
  return async (path, maxBytes) => {
    if (path === join(root, 'race/deleted.md')) await unlink(path);
    if (path === join(root, 'race/churning.md')) await appendFile(path, 'more\n');
    if (path === join(root, 'race/truncated.md') && !truncated) {
      truncated = true;
      await truncate(path, 'Kept head keptheadq.\n'.length);
    }
    return readBoundedFile(path, maxBytes);
  };
}

/** A text file of exactly `size` bytes, written 1 MiB at a time, with `word` on its first line. */
async function fileOfSize(path: string, size: number, word: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'w');
  try {
    const head = Buffer.from(`${word}\n`);
    await handle.write(head);
    const line = Buffer.from(`${FILLER.trim()}\n`);
    const block = Buffer.alloc(2 ** 20, line);
    for (let written = head.length; written < size; written += block.length) {
      await handle.write(block.subarray(0, Math.min(block.length, size - written)));
    }
  } finally {
    await handle.close();
  }
  return path;
}
