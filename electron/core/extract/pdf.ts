/**
 * PDF via pdfjs-dist (legacy build, the one meant for Node). In Node pdfjs disables the worker by itself
 * and parses on the calling thread through its "fake worker", so no worker setup is needed.
 * One block per page with text; lines are lines of that page's extracted text, rebuilt from the text
 * items' end-of-line flags and baselines. A page without a text layer (a scan) is read by OCR when the context
 * has it (pdf-ocr.ts; its block says `origin: 'ocr'`), else yields no block.
 * Running headers and footers at a page's edges are left out of its block (its line numbers still count them,
 * so spans stay exact); the page's heading is its section in the outline, else its running header's title;
 * contents and index pages carry their role (page-role.ts).
 */
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { FormatFailure } from './format-failure.ts';
import type { Extraction } from './block.ts';
import type { ExtractContext } from './extract-context.ts';
import { pageRole } from './page-role.ts';
import { ocrTextlessPages } from './pdf-ocr.ts';
import { outlineHeadings } from './pdf-outline.ts';
import { runningLines, type PageFurniture } from './pdf-running-lines.ts';
import type { TextBlock } from '../types.ts';

type PdfJs = typeof PdfJsModule;
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type TextContent = Awaited<ReturnType<Awaited<ReturnType<PdfDocument['getPage']>>['getTextContent']>>;

/** Loaded on first use: pdfjs is large and many folders hold no PDF at all. */
let pdfjs: Promise<PdfJs> | undefined;

export async function extractPdf(bytes: Uint8Array, context: ExtractContext = {}): Promise<Extraction> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = await pdfjs;
  // pdfjs may transfer (detach) the buffer it is given; the caller keeps its own copy.
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
  try {
    const document = await task.promise.catch(rethrowAsFailure);
    const textLayers: string[][] = [];
    const middles: number[] = [];
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
      const page = await document.getPage(pageNumber);
      textLayers.push(pageLines(await page.getTextContent()));
      const [, bottom = 0, , top = 0] = page.view;
      middles.push((bottom + top) / 2);
      page.cleanup();
    }
    const { pages, ocrPages, notices } = await ocrTextlessPages(document, textLayers, context);
    const metadataTitle = await documentTitle(document);
    const running = runningLines(pages, metadataTitle);
    const furniture = running.pages;
    // Without a title in its metadata, a PDF's title is what its running headers print on every page.
    const title = metadataTitle ?? running.documentTitle;
    const outline = await outlineHeadings(document, middles);
    const blocks: TextBlock[] = [];
    let offset = 0;
    pages.forEach((lines, index) => {
      const headingPath = outline[index] ?? sectionPath(furniture[index]);
      const block = pageBlock(lines, index + 1, offset, furniture[index], headingPath, pages.length);
      if (block) blocks.push(ocrPages.has(index + 1) ? { ...block, origin: 'ocr' } : block);
      offset += lines.join('\n').length + 1; // pages are separated by one line break in the extracted text
    });
    return { blocks, ...(title === undefined ? {} : { title }), ...(notices.length === 0 ? {} : { notices }) };
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

function sectionPath(furniture: PageFurniture | undefined): readonly string[] {
  return furniture?.sectionTitle === undefined ? [] : [furniture.sectionTitle];
}

/**
 * The page's text from its first to its last non-blank line between its running header and footer;
 * `offset` is where the page starts in the document text.
 */
function pageBlock(
  lines: readonly string[],
  page: number,
  offset: number,
  furniture: PageFurniture | undefined,
  headingPath: readonly string[],
  pageCount: number,
): TextBlock | undefined {
  const from = furniture?.leadingLines ?? 0;
  const to = lines.length - (furniture?.trailingLines ?? 0);
  const first = lines.findIndex((line, i) => i >= from && line.trim() !== '');
  if (first === -1 || first >= to) return undefined;
  const last = lines.findLastIndex((line, i) => i < to && line.trim() !== '');
  const pageText = lines.slice(first, last + 1);
  const text = pageText.join('\n');
  const startChar = offset + lines.slice(0, first).reduce((sum, line) => sum + line.length + 1, 0);
  const titles = [...headingPath.slice(-1), ...(furniture?.sectionTitle === undefined ? [] : [furniture.sectionTitle])];
  const role = pageRole(pageText, { titles, pageCount });
  const block: TextBlock = { kind: 'page', text, headingPath, page, startLine: first + 1, endLine: last + 1, startChar, endChar: startChar + text.length };
  return role === undefined ? block : { ...block, role };
}

async function documentTitle(document: PdfDocument): Promise<string | undefined> {
  const { info, metadata } = await document.getMetadata().catch(() => ({ info: undefined, metadata: null }));
  const fromInfo = (info as { Title?: unknown } | undefined)?.Title;
  const title = typeof fromInfo === 'string' && fromInfo.trim() !== '' ? fromInfo : metadata?.get('dc:title');
  return typeof title === 'string' && title.trim() !== '' ? title.trim() : undefined;
}
