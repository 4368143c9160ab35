/** Test fixtures for extraction, all generated at test time in a temporary directory. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, expect } from 'vitest';
import type { TextBlock } from '../../../electron/core/types.ts';
import { rawPdf } from '../../helpers/raw-pdf.ts';

/** A temp directory for the current test file, removed afterwards. */
export function useTempDir(): { write(name: string, content: string | Uint8Array): Promise<string>; path(name: string): string } {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trove-extract-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    path: (name) => join(dir, name),
    async write(name, content) {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
  };
}

/** A PDF with one page per entry; each page's lines are drawn top to bottom. An empty entry draws no text. */
export async function makePdf(pages: readonly (readonly string[])[], title?: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([612, 792]);
    if (lines.length === 0) page.drawRectangle({ x: 50, y: 50, width: 200, height: 100 });
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 740 - i * 18, size: 12, font }));
  }
  if (title) doc.setTitle(title);
  return doc.save();
}

/**
 * A minimal PDF whose trailer names a standard security handler with a user password: pdf-lib cannot
 * encrypt, but pdfjs only needs the /Encrypt dictionary and /ID to ask for a password.
 */
export function encryptedPdf(): Uint8Array {
  const hash = 'ab'.repeat(32);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hash}> /U <${hash}> /P -4 >>`,
  ];
  const id = '0123456789abcdef'.repeat(2);
  return rawPdf(objects, ` /Encrypt 4 0 R /ID [<${id}> <${id}>]`);
}

export interface DocxParagraph {
  readonly text: string;
  /** A paragraph style id, e.g. "Heading1". */
  readonly style?: string;
}

/** A minimal valid .docx: content types, package and document relationships, styles and the document. */
export async function makeDocx(paragraphs: readonly DocxParagraph[]): Promise<Uint8Array> {
  const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
  <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`,
  );
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`,
  );
  const style = (id: string, name: string): string =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`;
  zip.file(
    'word/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${w}">${style('Title', 'Title')}${style('Heading1', 'heading 1')}${style('Heading2', 'heading 2')}</w:styles>`,
  );
  const body = paragraphs
    .map(({ text, style: id }) => {
      const props = id ? `<w:pPr><w:pStyle w:val="${id}"/></w:pPr>` : '';
      return `<w:p>${props}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
    })
    .join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${w}"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array' });
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** 1-based line number of a character offset (a line break belongs to the line it ends), counted independently of the code under test. */
export function lineOfOffset(source: string, offset: number): number {
  let line = 1;
  for (const match of source.matchAll(/\r\n|\r|\n/g)) {
    if (match.index + match[0].length > offset) break;
    line++;
  }
  return line;
}

/** The source's lines startLine..endLine (1-based, inclusive). */
export function sourceLineRange(source: string, startLine: number, endLine: number): string[] {
  return source.split(/\r\n|\r|\n/).slice(startLine - 1, endLine);
}

/** Words of a text: letters and digits, at least two long. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]{2,}/gu) ?? [];
}

/**
 * The span invariants for formats cited by source line: lines are 1-based and inclusive, offsets agree with
 * them, and every word of the block occurs both in its lines and in source.slice(startChar, endChar).
 * `clean` turns raw source into what the block's words should be found in (e.g. strips HTML tags);
 * `sourceMaterial` picks the part of a block's text that comes from the source (CSV adds column names).
 */
export function expectSpansInSource(
  blocks: readonly TextBlock[],
  source: string,
  clean: (raw: string) => string = (raw) => raw,
  sourceMaterial: (text: string) => string = (text) => text,
): void {
  const lineCount = source.split(/\r\n|\r|\n/).length;
  for (const block of blocks) {
    const where = `block ${JSON.stringify(block.text.slice(0, 60))}`;
    expect(block.startLine, where).toBeGreaterThanOrEqual(1);
    expect(block.endLine, where).toBeGreaterThanOrEqual(block.startLine);
    expect(block.endLine, where).toBeLessThanOrEqual(lineCount);
    expect(block.startChar, where).toBeGreaterThanOrEqual(0);
    expect(block.endChar, where).toBeGreaterThan(block.startChar);
    expect(block.endChar, where).toBeLessThanOrEqual(source.length);
    expect(lineOfOffset(source, block.startChar), where).toBe(block.startLine);
    expect(lineOfOffset(source, block.endChar - 1), where).toBe(block.endLine);
    const lines = clean(sourceLineRange(source, block.startLine, block.endLine).join('\n'));
    const slice = clean(source.slice(block.startChar, block.endChar));
    for (const word of wordsOf(sourceMaterial(block.text))) {
      expect(lines, `${where}: "${word}" in its lines`).toContain(word);
      expect(slice, `${where}: "${word}" in its char span`).toContain(word);
    }
  }
}

/** Text line i of each block comes from source line startLine+i (words checked per line). */
export function expectLinesAligned(blocks: readonly TextBlock[], source: string, clean: (raw: string) => string = (raw) => raw): void {
  for (const block of blocks) {
    const textLines = block.text.split('\n');
    expect(textLines.length, `line count of ${JSON.stringify(block.text.slice(0, 60))}`).toBe(block.endLine - block.startLine + 1);
    const lines = sourceLineRange(source, block.startLine, block.endLine);
    textLines.forEach((textLine, i) => {
      for (const word of wordsOf(textLine)) expect(clean(lines[i] ?? ''), `"${word}" on line ${block.startLine + i}`).toContain(word);
    });
  }
}
