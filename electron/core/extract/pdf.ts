/**
 * PDF via pdfjs-dist (legacy build, the one meant for Node). In Node pdfjs disables the worker by itself
 * and parses on the calling thread through its "fake worker", so no worker setup is needed.
 * One block per page with text; lines are lines of that page's extracted text, rebuilt from the text
 * items' end-of-line flags and baselines. A page without a text layer (a scan) yields no block.
 */
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { FormatFailure } from './format-failure.ts';
import type { Extraction } from './block.ts';
import type { TextBlock } from '../types.ts';

type PdfJs = typeof PdfJsModule;
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type TextContent = Awaited<ReturnType<Awaited<ReturnType<PdfDocument['getPage']>>['getTextContent']>>;

/** Loaded on first use: pdfjs is large and many folders hold no PDF at all. */
let pdfjs: Promise<PdfJs> | undefined;

export async function extractPdf(bytes: Uint8Array): Promise<Extraction> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = await pdfjs;
  // pdfjs may transfer (detach) the buffer it is given; the caller keeps its own copy.
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
  try {
    const document = await task.promise.catch(rethrowAsFailure);
    const blocks: TextBlock[] = [];
    let offset = 0;
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
      const page = await document.getPage(pageNumber);
      const lines = pageLines(await page.getTextContent());
      page.cleanup();
      const block = pageBlock(lines, pageNumber, offset);
      if (block) blocks.push(block);
      offset += lines.join('\n').length + 1; // pages are separated by one line break in the extracted text
    }
    const title = await documentTitle(document);
    return title === undefined ? { blocks } : { blocks, title };
  } finally {
    await task.destroy();
  }
}

function rethrowAsFailure(error: unknown): never {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'PasswordException') throw new FormatFailure('ENCRYPTED', 'The PDF is password-protected.', { cause: error });
  if (name === 'InvalidPDFException') throw new FormatFailure('PARSE_FAILED', 'The file is not a valid PDF (damaged or truncated).', { cause: error });
  throw error;
}

/**
 * Text items in reading order, joined into lines. pdfjs marks line ends with `hasEOL`; a jump of the
 * baseline catches the lines it does not mark.
 */
function pageLines(content: TextContent): string[] {
  const lines: string[] = [];
  let current = '';
  let baseline: number | undefined;
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const y = item.transform[5] ?? 0;
    const fontSize = Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0);
    if (item.str !== '' && baseline !== undefined && current !== '' && Math.abs(y - baseline) > Math.max(2, fontSize / 2)) {
      lines.push(current);
      current = '';
    }
    current += item.str;
    if (item.str !== '') baseline = y;
    if (item.hasEOL) {
      lines.push(current);
      current = '';
    }
  }
  if (current !== '') lines.push(current);
  return lines.map((line) => line.replace(/\s+$/, ''));
}

/** The page's text from its first to its last non-blank line; `offset` is where the page starts in the document text. */
function pageBlock(lines: readonly string[], page: number, offset: number): TextBlock | undefined {
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1) return undefined;
  const last = lines.findLastIndex((line) => line.trim() !== '');
  const text = lines.slice(first, last + 1).join('\n');
  const startChar = offset + lines.slice(0, first).reduce((sum, line) => sum + line.length + 1, 0);
  return { kind: 'page', text, headingPath: [], page, startLine: first + 1, endLine: last + 1, startChar, endChar: startChar + text.length };
}

async function documentTitle(document: PdfDocument): Promise<string | undefined> {
  const { info, metadata } = await document.getMetadata().catch(() => ({ info: undefined, metadata: null }));
  const fromInfo = (info as { Title?: unknown } | undefined)?.Title;
  const title = typeof fromInfo === 'string' && fromInfo.trim() !== '' ? fromInfo : metadata?.get('dc:title');
  return typeof title === 'string' && title.trim() !== '' ? title.trim() : undefined;
}
