/**
 * A generated folder of mixed files for indexing benchmarks: Markdown, text, HTML, CSV, JSON and code in
 * realistic sizes (1–12 KB), plus a few PDFs and DOCX files. Seeded: the same count gives the same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { seededRandom, ZipfText } from './synthetic.ts';

const KINDS = ['md', 'txt', 'html', 'csv', 'json', 'ts', 'py'] as const;
/** One PDF and one DOCX per this many files: binary formats are rarer than text in most shared folders. */
const BINARY_EVERY = 500;

export async function writeMixedCorpus(dir: string, files: number): Promise<void> {
  const text = new ZipfText(20_000, 9);
  const random = seededRandom(9);
  const sentence = () => `${text.text(8 + Math.floor(random() * 12))}.`;
  const paragraph = () => Array.from({ length: 3 + Math.floor(random() * 5) }, sentence).join(' ');
  const paragraphs = (n: number) => Array.from({ length: n }, paragraph);
  for (let i = 0; i < files; i++) {
    const sub = join(dir, `d${Math.floor(i / 200)}`);
    if (i % 200 === 0) await mkdir(sub, { recursive: true });
    if (i % BINARY_EVERY === BINARY_EVERY - 1) {
      await writeFile(join(sub, `f${i}.pdf`), await pdf(paragraphs(4)));
      continue;
    }
    if (i % BINARY_EVERY === BINARY_EVERY - 2) {
      await writeFile(join(sub, `f${i}.docx`), await docx(paragraphs(6)));
      continue;
    }
    const kind = KINDS[i % KINDS.length] as (typeof KINDS)[number];
    const size = 2 + Math.floor(random() * 12);
    await writeFile(join(sub, `f${i}.${kind}`), render(kind, size, paragraphs, sentence, random));
  }
}

function render(kind: (typeof KINDS)[number], size: number, paragraphs: (n: number) => string[], sentence: () => string, random: () => number): string {
  switch (kind) {
    case 'md':
      return paragraphs(size).map((p, n) => (n % 3 === 0 ? `## ${sentence()}\n\n${p}` : p)).join('\n\n');
    case 'txt':
      return paragraphs(size).join('\n\n');
    case 'html':
      return `<html><head><title>${sentence()}</title></head><body><nav>Home | Docs</nav><main>${paragraphs(size)
        .map((p, n) => (n % 3 === 0 ? `<h2>${sentence()}</h2><p>${p}</p>` : `<p>${p}</p>`))
        .join('\n')}</main></body></html>`;
    case 'csv':
      return ['id,name,amount,note', ...Array.from({ length: size * 8 }, (_, r) => `${r},${sentence().split(' ')[0]},${(random() * 1000).toFixed(2)},"${sentence()}"`)].join('\n');
    case 'json':
      return JSON.stringify({ items: Array.from({ length: size * 3 }, (_, r) => ({ id: r, title: sentence(), body: paragraphs(1)[0] })) }, null, 2);
    case 'ts':
      return Array.from({ length: size * 2 }, (_, f) => `/** ${sentence()} */\nexport function f${f}(x: number): number {\n  // ${sentence()}\n  return x * ${f};\n}\n`).join('\n');
    case 'py':
      return Array.from({ length: size * 2 }, (_, f) => `def f${f}(x):\n    """${sentence()}"""\n    # ${sentence()}\n    return x * ${f}\n`).join('\n');
  }
}

async function pdf(paragraphs: readonly string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of paragraphs) {
    const page = doc.addPage([612, 792]);
    const words = text.split(' ');
    for (let line = 0; line * 10 < words.length; line++) {
      page.drawText(words.slice(line * 10, line * 10 + 10).join(' '), { x: 50, y: 740 - line * 18, size: 11, font });
    }
  }
  return doc.save();
}

async function docx(paragraphs: readonly string[]): Promise<Uint8Array> {
  const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}" Target="word/document.xml"/></Relationships>`);
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${w}"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array' });
}
