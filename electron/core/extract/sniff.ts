/**
 * What a file is from its first bytes, for names that do not say (`README.Debian`, `copyright`, `*.awk`,
 * `*.service`): a PDF by its magic, text when the head has no NUL and few control bytes (the `looksBinary`
 * rule git and `isbinaryfile` use; UTF-16 is recognised first), otherwise nothing Trove reads. Only the head
 * is looked at, so deciding never costs reading a big binary.
 */
import type { DocFormat } from '../types.ts';
import { looksBinary } from './binary.ts';

/** How much of a file is read to decide: what `looksBinary` looks at. */
export const SNIFF_BYTES = 8000;

export function formatFromContent(head: Uint8Array): DocFormat | undefined {
  if (startsWithPdfMagic(head)) return 'pdf';
  // An empty file is text with nothing in it (recorded NO_TEXT), not an unknown kind of file.
  if (looksBinary(head)) return undefined;
  return 'text';
}

function startsWithPdfMagic(bytes: Uint8Array): boolean {
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
  return magic.every((byte, i) => bytes[i] === byte);
}
