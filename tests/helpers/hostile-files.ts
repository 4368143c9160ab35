/**
 * Byte builders for the hostile corpus (hostile-corpus.ts): broken and hostile PDFs, DOCX and PPTX packages,
 * generated at run time so no binary is ever committed. No vitest imports: the benchmark uses them too.
 */
import { randomBytes } from 'node:crypto';
import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { rawPdf } from './raw-pdf.ts';

/** A valid PDF with one page per entry (an empty entry draws a rectangle and no text: a "scan"). */
export async function textPdf(pages: readonly string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = doc.addPage([612, 792]);
    if (text === '') page.drawRectangle({ x: 50, y: 50, width: 400, height: 600 });
    else page.drawText(text, { x: 50, y: 740, size: 12, font });
  }
  return doc.save({ useObjectStreams: false });
}

/** A PDF cut off after `keep` of its bytes, as an interrupted download leaves it. */
export async function truncatedPdf(keep: number): Promise<Uint8Array> {
  return (await textPdf(['Truncated page one', 'Truncated page two'])).subarray(0, keep);
}

/** The PDF magic followed by noise. */
export function corruptPdf(): Uint8Array {
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]);
}

/** A PDF whose trailer names the standard security handler: pdfjs asks for a password. */
export function encryptedPdf(): Uint8Array {
  const hash = 'ab'.repeat(32);
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hash}> /U <${hash}> /P -4 >>`,
  ], ' /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]');
}

/**
 * A page bomb: a small file whose page tree lists `pages` pages sharing one content stream full of text.
 * Every page must be parsed, so reading it takes far longer than its size suggests.
 */
export function pageBombPdf(pages: number): Uint8Array {
  const content = Array.from({ length: 200 }, (_, i) => `BT /F1 10 Tf 40 ${780 - i * 3} Td (page bomb line ${i} with words) Tj ET`).join('\n');
  const kids = Array.from({ length: pages }, (_, i) => `${i + 5} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>'),
  ];
  return rawPdf(objects);
}


/** A minimal valid .docx with one paragraph per entry. */
export async function textDocx(paragraphs: readonly string[]): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', PACKAGE_RELS);
  const body = paragraphs.map((text) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`).join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * A DOCX zip bomb: ~1 MB on disk, `unpackedMiB` MiB of document.xml when inflated. The deflate stream is one
 * full-flushed 1 MiB segment repeated (full flushes make segments independent, so they can be concatenated).
 * `declaredBytes` is what the central directory claims; a lying bomb declares far less than it holds.
 */
export function zipBombDocx(unpackedMiB: number, declaredBytes?: number): Uint8Array {
  const head = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>`;
  const parts = [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(PACKAGE_RELS) },
  ];
  return zipBomb(parts, 'word/document.xml', head, '<w:p><w:r><w:t>bomb</w:t></w:r></w:p>', '</w:body></w:document>', unpackedMiB, declaredBytes);
}

/** A PPTX zip bomb like zipBombDocx: its one slide unpacks to `unpackedMiB` MiB of paragraphs. */
export function zipBombPptx(unpackedMiB: number, declaredBytes?: number): Uint8Array {
  const a = 'http://schemas.openxmlformats.org/drawingml/2006/main';
  const p = 'http://schemas.openxmlformats.org/presentationml/2006/main';
  const r = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts = [
    { name: 'ppt/presentation.xml', data: Buffer.from(`<p:presentation xmlns:p="${p}" xmlns:r="${r}"><p:sldIdLst><p:sldId id="256" r:id="rId1"/></p:sldIdLst></p:presentation>`) },
    { name: 'ppt/_rels/presentation.xml.rels', data: Buffer.from(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${r}/slide" Target="slides/slide1.xml"/></Relationships>`) },
  ];
  const head = `<p:sld xmlns:p="${p}" xmlns:a="${a}"><p:cSld><p:spTree><p:sp><p:txBody>`;
  return zipBomb(parts, 'ppt/slides/slide1.xml', head, '<a:p><a:r><a:t>bomb</a:t></a:r></a:p>', '</p:txBody></p:sp></p:spTree></p:cSld></p:sld>', unpackedMiB, declaredBytes);
}

/**
 * A package whose part `name` is `head`, then 1 MiB segments of `repeated` `unpackedMiB` times, then `tail`. The
 * deflate stream is one full-flushed segment repeated (full flushes make segments independent, so they can be
 * concatenated): ~1 KB per MiB on disk.
 */
function zipBomb(others: ZipPart[], name: string, head: string, repeated: string, tail: string, unpackedMiB: number, declaredBytes?: number): Uint8Array {
  const headBytes = Buffer.from(head);
  const tailBytes = Buffer.from(tail);
  const segment = Buffer.from(repeated.repeat(Math.floor(2 ** 20 / repeated.length)));
  const flushed = (data: Buffer) => deflateRawSync(data, { finishFlush: constants.Z_FULL_FLUSH });
  const segmentDeflated = flushed(segment);
  const parts = [flushed(headBytes), ...Array.from({ length: unpackedMiB }, () => segmentDeflated), deflateRawSync(tailBytes)];
  let crc = crc32(headBytes);
  for (let i = 0; i < unpackedMiB; i++) crc = crc32(segment, crc);
  crc = crc32(tailBytes, crc);
  const size = headBytes.length + segment.length * unpackedMiB + tailBytes.length;
  return zipArchive([...others, { name, deflated: Buffer.concat(parts), crc, size: declaredBytes ?? size }]);
}

type ZipPart = { name: string; data: Buffer } | { name: string; deflated: Buffer; crc: number; size: number };

/** Writes a zip by hand (jszip would have to hold the unpacked bomb in memory to build it). */
function zipArchive(parts: readonly ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const stored = 'data' in part;
    const body = stored ? part.data : part.deflated;
    const fields = { method: stored ? 0 : 8, crc: stored ? crc32(part.data) : part.crc, compressed: body.length, size: stored ? part.data.length : part.size };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    writeSizes(local, 8, fields);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    writeSizes(central, 10, fields);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** method, time, date, crc, compressed and uncompressed sizes: the same layout in local and central headers. */
function writeSizes(header: Buffer, at: number, fields: { method: number; crc: number; compressed: number; size: number }): void {
  header.writeUInt16LE(fields.method, at);
  header.writeUInt32LE(fields.crc >>> 0, at + 6);
  header.writeUInt32LE(fields.compressed, at + 10);
  header.writeUInt32LE(fields.size, at + 14);
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/**
 * A small PNG whose header declares `width` × `height` pixels (50,000 × 50,000 would take 7.5 GB to decode):
 * a valid signature and IHDR with its CRC, one tiny IDAT and IEND. Only the header is honest about nothing.
 */
export function hugeDimensionsPng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method quirks, not interlaced
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}
