/**
 * Slide decks, spreadsheets, e-books, OpenDocument text and RTF, generated at test time (jszip + XML strings,
 * exceljs for workbooks) so no binary is ever committed. No vitest imports: benchmarks may use them too.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const P = 'http://schemas.openxmlformats.org/presentationml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const ODF_NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"',
].join(' ');

export interface SlideSpec {
  readonly title?: string;
  readonly body: readonly string[];
  readonly notes?: readonly string[];
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function zipped(zip: JSZip): Promise<Uint8Array> {
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A PPTX deck: per slide a title placeholder, a body text box, a slide-number placeholder and optional notes. */
export async function makePptx(slides: readonly SlideSpec[]): Promise<Uint8Array> {
  const zip = new JSZip();
  const paragraphs = (lines: readonly string[]) => lines.map((line) => `<a:p><a:r><a:rPr lang="en-US"/><a:t>${escapeXml(line)}</a:t></a:r></a:p>`).join('');
  const shape = (placeholder: string | undefined, lines: readonly string[]) =>
    `<p:sp><p:nvSpPr><p:cNvPr id="2" name="s"/><p:cNvSpPr/><p:nvPr>${placeholder ? `<p:ph type="${placeholder}"/>` : ''}</p:nvPr></p:nvSpPr><p:txBody><a:bodyPr/>${paragraphs(lines)}</p:txBody></p:sp>`;
  const ids = slides.map((_, i) => `<p:sldId id="${256 + i}" r:id="rId${i + 1}"/>`).join('');
  zip.file('ppt/presentation.xml', `<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="${P}" xmlns:r="${R}"><p:sldIdLst>${ids}</p:sldIdLst></p:presentation>`);
  // Relationships listed in reverse: the deck's order is the id list's, not the relationship file's.
  const rels = slides.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/slide" Target="slides/slide${i + 1}.xml"/>`).reverse().join('');
  zip.file('ppt/_rels/presentation.xml.rels', `<Relationships xmlns="${RELS}">${rels}</Relationships>`);
  slides.forEach((slide, i) => {
    const n = i + 1;
    const shapes = [slide.title ? shape('title', [slide.title]) : '', shape(undefined, slide.body), shape('sldNum', [String(n)])].join('');
    zip.file(`ppt/slides/slide${n}.xml`, `<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:p="${P}" xmlns:a="${A}" xmlns:r="${R}"><p:cSld><p:spTree>${shapes}</p:spTree></p:cSld></p:sld>`);
    if (!slide.notes) return;
    zip.file(`ppt/slides/_rels/slide${n}.xml.rels`, `<Relationships xmlns="${RELS}"><Relationship Id="rId9" Type="${R}/notesSlide" Target="../notesSlides/notesSlide${n}.xml"/></Relationships>`);
    const notes = [shape('sldImg', []), shape('body', slide.notes), shape('sldNum', [String(n)])].join('');
    zip.file(`ppt/notesSlides/notesSlide${n}.xml`, `<?xml version="1.0" encoding="UTF-8"?><p:notes xmlns:p="${P}" xmlns:a="${A}"><p:cSld><p:spTree>${notes}</p:spTree></p:cSld></p:notes>`);
  });
  return zipped(zip);
}

function odfPackage(mimetype: string, body: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', mimetype, { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/></manifest:manifest>`);
  zip.file('content.xml', `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NS}><office:automatic-styles/><office:body>${body}</office:body></office:document-content>`);
  return zipped(zip);
}

const odfParagraphs = (lines: readonly string[]) => lines.map((line) => `<text:p>${escapeXml(line)}</text:p>`).join('');

/** An ODP deck: title frame, outline frame, page-number frame and notes per page. */
export function makeOdp(slides: readonly SlideSpec[]): Promise<Uint8Array> {
  const pages = slides
    .map((slide, i) => {
      const title = slide.title ? `<draw:frame presentation:class="title"><draw:text-box>${odfParagraphs([slide.title])}</draw:text-box></draw:frame>` : '';
      const body = `<draw:frame presentation:class="outline"><draw:text-box>${odfParagraphs(slide.body)}</draw:text-box></draw:frame>`;
      const number = `<draw:frame presentation:class="page-number"><draw:text-box><text:p>${i + 1}</text:p></draw:text-box></draw:frame>`;
      const notes = slide.notes ? `<presentation:notes><draw:page-thumbnail/><draw:frame presentation:class="notes"><draw:text-box>${odfParagraphs(slide.notes)}</draw:text-box></draw:frame></presentation:notes>` : '';
      return `<draw:page draw:name="page${i + 1}">${title}${body}${number}${notes}</draw:page>`;
    })
    .join('');
  return odfPackage('application/vnd.oasis.opendocument.presentation', `<office:presentation>${pages}</office:presentation>`);
}

export interface SheetSpec {
  readonly name: string;
  /** Cell values; a formula with its cached result is written only to XLSX. */
  readonly rows: ReadonlyArray<ReadonlyArray<string | number | Date | { formula: string; result: number }>>;
}

/** An XLSX workbook written by exceljs. */
export async function makeXlsx(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) worksheet.addRow([...row]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * An ODS workbook. Each sheet ends, as office suites write them, with an empty row repeated to the sheet's last
 * row; `repeatLastRow` repeats the last row with text that many times instead.
 */
export function makeOds(sheets: readonly SheetSpec[], options: { repeatLastRow?: number } = {}): Promise<Uint8Array> {
  const tables = sheets
    .map((sheet) => {
      const rows = sheet.rows.map((row, i) => {
        const cells = row.map((value) => `<table:table-cell office:value-type="string"><text:p>${escapeXml(typeof value === 'object' && 'result' in value ? String(value.result) : String(value))}</text:p></table:table-cell>`).join('');
        const repeat = options.repeatLastRow && i === sheet.rows.length - 1 ? ` table:number-rows-repeated="${options.repeatLastRow}"` : '';
        return `<table:table-row${repeat}>${cells}<table:table-cell table:number-columns-repeated="16380"/></table:table-row>`;
      });
      const filler = '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>';
      return `<table:table table:name="${escapeXml(sheet.name)}">${rows.join('')}${filler}</table:table>`;
    })
    .join('');
  return odfPackage('application/vnd.oasis.opendocument.spreadsheet', `<office:spreadsheet>${tables}</office:spreadsheet>`);
}

export type OdtItem = { readonly heading: string; readonly level: number } | { readonly paragraph: string } | { readonly list: readonly string[] };

export function makeOdt(items: readonly OdtItem[]): Promise<Uint8Array> {
  const body = items
    .map((item) => {
      if ('heading' in item) return `<text:h text:outline-level="${item.level}">${escapeXml(item.heading)}</text:h>`;
      if ('list' in item) return `<text:list>${item.list.map((entry) => `<text:list-item>${odfParagraphs([entry])}</text:list-item>`).join('')}</text:list>`;
      return `<text:p>${escapeXml(item.paragraph).replace(/ {2}/g, ' <text:s/>')}</text:p>`;
    })
    .join('');
  return odfPackage('application/vnd.oasis.opendocument.text', `<office:text>${body}</office:text>`);
}

export interface ChapterSpec {
  readonly title: string;
  /** Paragraphs of the chapter; the chapter's XHTML carries no heading of its own when `untitled`. */
  readonly paragraphs: readonly string[];
  readonly untitled?: boolean;
}

/**
 * An EPUB whose spine lists the chapters in the given order while the manifest lists them reversed (reading
 * order is the spine's). `toc` chooses an EPUB 3 nav document or an EPUB 2 NCX.
 */
export function makeEpub(title: string, chapters: readonly ChapterSpec[], toc: 'nav' | 'ncx' = 'nav'): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file('META-INF/container.xml', '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>');
  const items = chapters.map((_, i) => `<item id="ch${i + 1}" href="text/chapter${i + 1}.xhtml" media-type="application/xhtml+xml"/>`).reverse();
  const tocItem = toc === 'nav' ? '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>' : '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>';
  const spine = chapters.map((_, i) => `<itemref idref="ch${i + 1}"/>`).join('');
  zip.file(
    'OEBPS/content.opf',
    `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(title)}</dc:title></metadata><manifest>${tocItem}${items.join('')}</manifest><spine${toc === 'ncx' ? ' toc="ncx"' : ''}>${spine}</spine></package>`,
  );
  chapters.forEach((chapter, i) => {
    const heading = chapter.untitled ? '' : `<h1>${escapeXml(chapter.title)}</h1>`;
    const paragraphs = chapter.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('');
    zip.file(`OEBPS/text/chapter${i + 1}.xhtml`, `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${escapeXml(chapter.title)}</title></head><body>${heading}${paragraphs}</body></html>`);
  });
  if (toc === 'nav') {
    const links = chapters.map((c, i) => `<li><a href="text/chapter${i + 1}.xhtml#start">${escapeXml(c.title)}</a></li>`).join('');
    zip.file('OEBPS/nav.xhtml', `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol>${links}</ol></nav></body></html>`);
  } else {
    const points = chapters.map((c, i) => `<navPoint id="p${i + 1}" playOrder="${i + 1}"><navLabel><text>${escapeXml(c.title)}</text></navLabel><content src="text/chapter${i + 1}.xhtml"/></navPoint>`).join('');
    zip.file('OEBPS/toc.ncx', `<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>${points}</navMap></ncx>`);
  }
  return zipped(zip);
}

/** An RTF document: a bold first paragraph, then the others; non-ASCII characters as RTF escapes. */
export function makeRtf(paragraphs: readonly string[]): string {
  const escape = (text: string) =>
    [...text].map((ch) => (ch.charCodeAt(0) < 128 ? ch.replace(/[\\{}]/g, (c) => `\\${c}`) : ch.charCodeAt(0) < 256 ? `\\'${ch.charCodeAt(0).toString(16)}` : `\\u${ch.charCodeAt(0)}?`)).join('');
  const [first = '', ...rest] = paragraphs;
  return `{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}{\\info{\\title Not body text}}\\f0\\fs24 {\\b ${escape(first)}}\\par\n${rest.map((p) => `${escape(p)}\\par\n`).join('')}}`;
}
