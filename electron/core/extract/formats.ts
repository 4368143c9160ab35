/**
 * Which files Trove reads, and as what. Known extensions (and a few well-known extension-less names) decide
 * from the name alone; names that are known never to be text (images, archives, media, executables) are
 * skipped without opening them; every other name is decided by its first bytes (`sniff.ts`, through
 * `file-support.ts`). A trailing `.gz` is looked through: `notes.md.gz` is Markdown, read uncompressed.
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
  ...formatFor('mail', ['eml', 'mbox']),
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

/**
 * Extensions whose files are never text, skipped from the name without being opened. Images are here until an
 * image format (OCR) claims them: FORMAT_BY_EXTENSION is asked first.
 */
const NEVER_TEXT_EXTENSIONS: ReadonlySet<string> = new Set([
  // Images
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'tif', 'tiff', 'webp', 'ico', 'icns', 'heic', 'avif', 'psd', 'xcf', 'svg', 'svgz',
  // Page descriptions: PostScript is text, but program text, not the document's words
  'ps', 'eps', 'dvi',
  // Archives and packages (a lone .gz is looked through instead)
  'zip', '7z', 'rar', 'tar', 'tgz', 'bz2', 'xz', 'zst', 'lz', 'lzma', 'jar', 'war', 'apk', 'deb', 'rpm', 'iso', 'dmg', 'cab',
  // Audio and video
  'mp3', 'mp4', 'm4a', 'wav', 'ogg', 'oga', 'flac', 'aac', 'avi', 'mkv', 'mov', 'webm', 'wmv',
  // Executables, objects, bytecode, databases, fonts
  'exe', 'dll', 'so', 'o', 'a', 'dylib', 'class', 'pyc', 'wasm', 'sqlite', 'db', 'ttf', 'otf', 'woff', 'woff2', 'eot',
]);

/** Lower-case extensions (without the dot) that `extractFile` accepts. */
export const SUPPORTED_EXTENSIONS: ReadonlySet<string> = new Set(FORMAT_BY_EXTENSION.keys());

/** Formats whose bytes are text and go through encoding detection and the binary check. */
export const TEXTUAL_FORMATS: ReadonlySet<DocFormat> = new Set(['text', 'markdown', 'code', 'html', 'csv', 'json']);

/** True when the name alone says Trove reads the file (a known format), without touching the disk. */
export function isSupported(path: string): boolean {
  return formatFromName(path) !== undefined;
}

/** What the name alone says: a known format, never text (skip unopened), or decided by the file's bytes. */
export type NameVerdict = { readonly kind: 'format'; readonly format: DocFormat } | { readonly kind: 'never-text' } | { readonly kind: 'by-content' };

export function verdictFromName(path: string): NameVerdict {
  const format = formatFromName(path);
  if (format !== undefined) return { kind: 'format', format };
  return NEVER_TEXT_EXTENSIONS.has(extensionOf(withoutGzip(path))) ? { kind: 'never-text' } : { kind: 'by-content' };
}

/**
 * The format to read `path` as, or undefined when Trove does not index it. `contentFormat` is what the
 * file's first bytes say (`sniff.ts`), for names that do not decide.
 */
export function detectFormat(path: string, contentFormat?: DocFormat): DocFormat | undefined {
  const verdict = verdictFromName(path);
  if (verdict.kind === 'format') return verdict.format;
  return verdict.kind === 'by-content' ? contentFormat : undefined;
}

/** True for a gzip-compressed file by its name (`changelog.gz`); its bytes are checked when it is read. */
export function isGzipName(path: string): boolean {
  return /\.gz$/i.test(path);
}

/** The name of what a `.gz` file holds (`changelog.Debian.gz` → `changelog.Debian`); other names unchanged. */
export function withoutGzip(path: string): string {
  return isGzipName(path) ? path.slice(0, -3) : path;
}

/** The lower-case extension without its dot ("" when there is none), for messages and dispatch. */
export function extensionOf(path: string): string {
  return extname(path).slice(1).toLowerCase();
}

function formatFromName(path: string): DocFormat | undefined {
  const inner = withoutGzip(path);
  const extension = extensionOf(inner);
  if (extension !== '') return FORMAT_BY_EXTENSION.get(extension);
  return FORMAT_BY_FILE_NAME.get(basename(inner).toLowerCase());
}

function formatFor(format: DocFormat, keys: readonly string[]): Array<[string, DocFormat]> {
  return keys.map((key) => [key, format]);
}
