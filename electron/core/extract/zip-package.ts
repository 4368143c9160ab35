/**
 * The zip-based formats' packages (PPTX, XLSX, OpenDocument, EPUB), opened for reading parts by name. The zip-bomb
 * checks run first (zip-limits.ts: declared sizes before anything is inflated, each markup part capped at its
 * declared size); jszip then inflates only parts those checks covered, one at a time, when a reader asks.
 */
import JSZip from 'jszip';
import { FormatFailure } from './format-failure.ts';
import { checkZipLimits, isCheckedPart } from './zip-limits.ts';

export interface ZipPackage {
  /** Part names as the package lists them (no leading slash). */
  readonly names: readonly string[];
  /** A markup part's text, or undefined when the package has no such part. */
  text(name: string): Promise<string | undefined>;
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** `what` names the document in messages: "The slide deck", "The spreadsheet". */
export async function openZipPackage(bytes: Uint8Array, what: string): Promise<ZipPackage> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Password-protected Office files are OLE compound files holding the encrypted package, not zips.
  if (buffer.subarray(0, 8).equals(OLE_MAGIC)) {
    if (buffer.includes(Buffer.from('EncryptionInfo', 'utf16le'))) throw new FormatFailure('ENCRYPTED', `${what} is password-protected.`);
    throw new FormatFailure('PARSE_FAILED', `${what} is in an old binary format; save it in the current format to index it.`);
  }
  checkZipLimits(buffer, undefined, what);
  const zip = await JSZip.loadAsync(buffer).catch((error: unknown) => {
    throw new FormatFailure('PARSE_FAILED', `${what} is not a readable package (damaged, or not really this format).`, { cause: error });
  });
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]?.dir);
  return {
    names,
    text: async (name) => {
      const part = zip.file(name.replace(/^\/+/, ''));
      if (!part) return undefined;
      if (!isCheckedPart(part.name)) throw new FormatFailure('PARSE_FAILED', `${what} asks to read "${part.name}", which is not a markup part.`);
      return part.async('string');
    },
  };
}

/** Resolves a relationship target ("../slides/slide1.xml", "chapter1.xhtml") against the part that names it. */
export function resolvePartPath(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const segments = fromPart.split('/').slice(0, -1);
  for (const segment of decodeURIComponent(target.split('#')[0] ?? '').split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}
