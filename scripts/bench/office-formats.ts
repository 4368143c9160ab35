/**
 * What reading the office and e-book formats costs: one generated document of each at a size people keep
 * (a 200-slide deck, a 20,000-row workbook, a 100-chapter book, 2,000-paragraph ODT and RTF documents), extracted
 * in this process (extractBytes, as the worker runs it), median of 3 after one warm-up, next to the baseline of
 * the zip-bomb checks alone (central directory + each markup part inflated once with its cap).
 * Run: npx tsx scripts/bench/office-formats.ts
 */
import { extractBytes } from '../../electron/core/extract/index.ts';
import { checkZipLimits } from '../../electron/core/extract/zip-limits.ts';
import type { DocFormat } from '../../electron/core/types.ts';
import { makeEpub, makeOds, makeOdt, makePptx, makeRtf, makeXlsx } from '../../tests/helpers/office-files.ts';
import { describeMachine } from './machine.ts';
import { median, timeMs } from './stats.ts';

interface Sample {
  readonly name: string;
  readonly format: DocFormat;
  readonly bytes: Uint8Array;
}

const words = (i: number) => `Paragraph ${i} talks about harbour ${i % 97} budgets, pilots and the quarterly figures of region ${i % 13}.`;
const rows = [['Employee', 'Department', 'Office', 'Start date', 'Notes'], ...Array.from({ length: 20_000 }, (_, i) => [`Person ${i}`, `Dept ${i % 40}`, `Room ${i % 500}`, `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, words(i)])];

async function samples(): Promise<Sample[]> {
  const slides = Array.from({ length: 200 }, (_, i) => ({ title: `Slide ${i + 1}`, body: [words(i), words(i + 1), words(i + 2)], notes: [words(i + 3)] }));
  const chapters = Array.from({ length: 100 }, (_, i) => ({ title: `Chapter ${i + 1}`, paragraphs: Array.from({ length: 30 }, (_, j) => words(i * 30 + j)) }));
  const paragraphs = Array.from({ length: 2000 }, (_, i) => words(i));
  return [
    { name: 'deck.pptx (200 slides with notes)', format: 'slides', bytes: await makePptx(slides) },
    { name: 'book.xlsx (20,000 rows × 5)', format: 'spreadsheet', bytes: await makeXlsx([{ name: 'Staff', rows }]) },
    { name: 'book.ods (20,000 rows × 5)', format: 'spreadsheet', bytes: await makeOds([{ name: 'Staff', rows }]) },
    { name: 'novel.epub (100 chapters × 30 paragraphs)', format: 'epub', bytes: await makeEpub('Novel', chapters) },
    { name: 'report.odt (2,000 paragraphs)', format: 'odt', bytes: await makeOdt(paragraphs.map((paragraph) => ({ paragraph }))) },
    { name: 'memo.rtf (2,000 paragraphs)', format: 'rtf', bytes: Buffer.from(makeRtf(paragraphs), 'latin1') },
  ];
}

async function medianOf3(work: () => Promise<unknown> | unknown): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push(await timeMs(work));
  return median(times);
}

console.log(`Machine: ${describeMachine()}\n`);
console.log('| document | size | blocks | zip checks alone (baseline) | extraction | ratio |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const sample of await samples()) {
  const extension = sample.name.split(' ')[0] ?? '';
  const document = await extractBytes(sample.bytes, sample.format, extension);
  const isZip = sample.format !== 'rtf';
  const baseline = isZip ? await medianOf3(() => checkZipLimits(Buffer.from(sample.bytes))) : undefined;
  const extraction = await medianOf3(() => extractBytes(sample.bytes, sample.format, extension));
  const size = `${(sample.bytes.byteLength / 2 ** 20).toFixed(2)} MiB`;
  const ratio = baseline === undefined ? '—' : `${(extraction / baseline).toFixed(0)}×`;
  console.log(`| ${sample.name} | ${size} | ${document.blocks.length} | ${baseline === undefined ? '— (not a zip)' : `${baseline.toFixed(0)} ms`} | ${extraction.toFixed(0)} ms | ${ratio} |`);
}
