/**
 * Whether the indexer reads a file, decided before the file is read whole: from the name when it decides
 * (formats.ts), otherwise from the first bytes (sniff.ts; through gzip for `.gz` names). The sniffer and its
 * encoding tables load on the first name that needs them, so opening the engine to search never loads them.
 */
import type { DocFormat } from '../types.ts';
import { extensionOf, isGzipName, verdictFromName, withoutGzip } from './formats.ts';
import { gunzipHead } from './gzip.ts';
import { readHead } from './read-file.ts';

/** Compressed bytes read to sniff a `.gz` file: inflate to at most a few MiB, enough for SNIFF_BYTES of text. */
const GZIP_HEAD_BYTES = 4096;

/** Why the file is not indexed (one line), or undefined when it is. Throws ExtractionError if it cannot be opened. */
export async function whyUnsupported(path: string): Promise<string | undefined> {
  const verdict = verdictFromName(path);
  if (verdict.kind === 'format') return undefined;
  if (verdict.kind === 'never-text') return `".${extensionOf(withoutGzip(path))}" files are not indexed`;
  const head = await headOf(path);
  if (head === undefined) return 'The file is named .gz but is not readable gzip data';
  const { formatFromContent } = await import('./sniff.ts');
  return formatFromContent(head) === undefined ? 'The file looks binary, not text' : undefined;
}

/** The format of a file whose name does not decide, from its first bytes (those of its content, for `.gz`). */
export async function formatFromHead(path: string): Promise<DocFormat | undefined> {
  const head = await headOf(path);
  if (head === undefined) return undefined;
  const { formatFromContent } = await import('./sniff.ts');
  return formatFromContent(head);
}

async function headOf(path: string): Promise<Uint8Array | undefined> {
  const { SNIFF_BYTES } = await import('./sniff.ts');
  if (!isGzipName(path)) return readHead(path, SNIFF_BYTES);
  return gunzipHead(await readHead(path, GZIP_HEAD_BYTES), SNIFF_BYTES);
}
