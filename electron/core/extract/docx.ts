/**
 * Word documents via mammoth: converted to HTML, which maps the document's heading styles to h1–h6, then
 * read with the same block walker as web pages and laid out as the document's plain text (plain-layout.ts).
 */
import type MammothModule from 'mammoth';
import type { Extraction } from './block.ts';
import { FormatFailure } from './format-failure.ts';
import { layOutHtml } from './plain-layout.ts';
import { checkZipLimits } from './zip-limits.ts';

type Mammoth = typeof MammothModule;

const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/** Loaded on first use, like pdfjs: most folders hold no Word documents. */
let mammothModule: Promise<Mammoth> | undefined;

export async function extractDocx(bytes: Uint8Array): Promise<Extraction> {
  mammothModule ??= import('mammoth').then((module) => module.default);
  const mammoth = await mammothModule;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isOleCompoundFile(buffer)) throw oleFailure(buffer);
  checkZipLimits(buffer);
  // Images carry no text; never reading them keeps big illustrated documents fast.
  const convertImage = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));
  const { value: html } = await mammoth
    .convertToHtml({ buffer }, { styleMap: STYLE_MAP, convertImage })
    .catch((error: unknown) => {
      // mammoth's own messages talk about zip internals; the user needs to know the document is damaged.
      throw new FormatFailure('PARSE_FAILED', 'The file is not a readable Word document (damaged, or not really a .docx).', { cause: error });
    });
  return layOutHtml(html);
}

/** Password-protected .docx files are not zip packages but OLE compound files, as are old binary .doc files. */
function isOleCompoundFile(buffer: Buffer): boolean {
  return buffer.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}

/** An encrypted OOXML package is an OLE file holding an "EncryptionInfo" stream (names are UTF-16LE). */
function oleFailure(buffer: Buffer): FormatFailure {
  if (buffer.includes(Buffer.from('EncryptionInfo', 'utf16le'))) return new FormatFailure('ENCRYPTED', 'The Word document is password-protected.');
  return new FormatFailure('PARSE_FAILED', 'The file is an old-format Word document (.doc) named .docx; save it as .docx to index it.');
}
