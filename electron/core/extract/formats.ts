/**
 * Which files Trove reads, and as what. Decided by extension (or a few well-known extension-less names) so
 * the indexer can skip everything else without opening it; content sniffing only rescues extension-less PDFs.
 */
import { basename, extname } from 'node:path';
import type { DocFormat } from '../types.ts';

const FORMAT_BY_EXTENSION: ReadonlyMap<string, DocFormat> = new Map([
  ...formatFor('markdown', ['md', 'markdown', 'mdx', 'mdown', 'mkd']),
  ...formatFor('text', ['txt', 'text', 'log', 'rst', 'org', 'adoc', 'asciidoc', 'tex']),
  ...formatFor('html', ['html', 'htm', 'xhtml']),
  ...formatFor('pdf', ['pdf']),
  ...formatFor('docx', ['docx']),
  ...formatFor('slides', ['pptx', 'odp']),
  ...formatFor('spreadsheet', ['xlsx', 'ods']),
  ...formatFor('epub', ['epub']),
  ...formatFor('odt', ['odt']),
  ...formatFor('rtf', ['rtf']),
  // Read by OCR (extract/image.ts).
  ...formatFor('image', ['png', 'jpg', 'jpeg', 'tif', 'tiff', 'webp']),
  ...formatFor('csv', ['csv', 'tsv']),
  ...formatFor('json', ['json', 'jsonl', 'ndjson']),
  ...formatFor('code', [
    // Languages
    'ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'py', 'pyi', 'rs', 'go', 'java', 'kt', 'kts',
    'c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'hxx', 'cs', 'fs', 'rb', 'php', 'swift', 'scala', 'groovy',
    'dart', 'lua', 'r', 'jl', 'm', 'mm', 'pl', 'pm', 'ex', 'exs', 'erl', 'hrl', 'hs', 'clj', 'cljs', 'ml',
    'mli', 'elm', 'zig', 'nim', 'v', 'sol',
    // Shells and queries
    'sh', 'bash', 'zsh', 'fish', 'ps1', 'bat', 'cmd', 'sql', 'graphql', 'gql', 'proto',
    // Config and markup that reads best verbatim
    'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'properties', 'gradle', 'tf', 'hcl', 'nix', 'cmake', 'mk',
    'css', 'scss', 'sass', 'less', 'xml', 'xsd', 'xsl', 'plist', 'vue', 'svelte', 'astro',
  ]),
]);

/** Extension-less files that are conventionally text or code. */
const FORMAT_BY_FILE_NAME: ReadonlyMap<string, DocFormat> = new Map([
  ...formatFor('text', ['readme', 'license', 'licence', 'changelog', 'authors', 'contributors', 'notice', 'copying', 'todo']),
  ...formatFor('code', ['dockerfile', 'containerfile', 'makefile', 'gnumakefile', 'rakefile', 'gemfile', 'jenkinsfile', 'vagrantfile', 'justfile']),
]);

/** Extensions of the files whose text depends on OCR (scanned PDFs, images): re-read when OCR is turned on or off. */
export const OCR_EXTENSIONS: readonly string[] = ['pdf', ...[...FORMAT_BY_EXTENSION].flatMap(([extension, format]) => (format === 'image' ? [extension] : []))];

/** Lower-case extensions (without the dot) that `extractFile` accepts. */
export const SUPPORTED_EXTENSIONS: ReadonlySet<string> = new Set(FORMAT_BY_EXTENSION.keys());

/** Formats whose bytes are text and go through encoding detection and the binary check. */
export const TEXTUAL_FORMATS: ReadonlySet<DocFormat> = new Set(['text', 'markdown', 'code', 'html', 'csv', 'json']);

/** True when `path` has a format Trove reads; decided from the name alone, without touching the disk. */
export function isSupported(path: string): boolean {
  return formatFromName(path) !== undefined;
}

/**
 * The format to read `path` as, or undefined when Trove does not index it. `headBytes` (the first bytes of
 * the file, if already read) lets an extension-less PDF through.
 */
export function detectFormat(path: string, headBytes?: Uint8Array): DocFormat | undefined {
  return formatFromName(path) ?? (headBytes && startsWithPdfMagic(headBytes) ? 'pdf' : undefined);
}

/** The lower-case extension without its dot ("" when there is none), for messages and dispatch. */
export function extensionOf(path: string): string {
  return extname(path).slice(1).toLowerCase();
}

function formatFromName(path: string): DocFormat | undefined {
  const extension = extensionOf(path);
  if (extension !== '') return FORMAT_BY_EXTENSION.get(extension);
  return FORMAT_BY_FILE_NAME.get(basename(path).toLowerCase());
}

function startsWithPdfMagic(bytes: Uint8Array): boolean {
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
  return magic.every((byte, i) => bytes[i] === byte);
}

function formatFor(format: DocFormat, keys: readonly string[]): Array<[string, DocFormat]> {
  return keys.map((key) => [key, format]);
}
