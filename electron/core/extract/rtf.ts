/**
 * Rich Text Format documents via @iarna/rtf-to-html (over rtf-parser): paragraphs as HTML, read with the HTML
 * block walker and laid out as plain text like Word documents (plain-layout.ts). RTF is 7-bit text whose
 * escapes name the code page, so the bytes are decoded as Latin-1 and the parser maps the escapes.
 */
import type * as RtfToHtmlModule from '@iarna/rtf-to-html';
import type { Extraction } from './block.ts';
import { FormatFailure } from './format-failure.ts';
import { layOutHtml } from './plain-layout.ts';

type RtfToHtml = typeof RtfToHtmlModule;

export async function extractRtf(bytes: Uint8Array): Promise<Extraction> {
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!source.trimStart().startsWith('{\\rtf')) throw new FormatFailure('PARSE_FAILED', 'The file is not an RTF document (it does not start with "{\\rtf").');
  // A CommonJS module: its functions sit on `default` when bundled, on the namespace when run from the sources.
  const rtfModule: RtfToHtml & { default?: RtfToHtml } = await import('@iarna/rtf-to-html');
  const { fromString } = rtfModule.default ?? rtfModule;
  const html = await new Promise<string>((resolve, reject) => {
    fromString(withoutUnicodeFallbacks(source), { template: (_doc, _defaults, content) => `<body>${content}</body>` }, (error, result) => {
      if (error) reject(new FormatFailure('PARSE_FAILED', `The RTF document could not be read: ${error.message}`, { cause: error }));
      else resolve(result);
    });
  });
  return layOutHtml(html);
}

/**
 * After each `\uN` escape RTF writes a fallback for readers without Unicode ("\u8364?" is "€"); rtf-parser keeps
 * it ("€?"). With the default `\uc1` the fallback is one character or one `\'hh` escape: dropped here. A document
 * declaring another count is left as it is.
 */
function withoutUnicodeFallbacks(rtf: string): string {
  if (/\\uc(?:0|[2-9])/.test(rtf)) return rtf;
  return rtf.replace(/(\\u-?\d+) ?(?:\\'[0-9a-fA-F]{2}|[^\\{}\s])/g, '$1 ');
}
