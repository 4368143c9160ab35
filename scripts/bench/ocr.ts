/**
 * OCR throughput (issue 15): a scanned PDF generated from known text (tests/helpers/scanned-pdf.ts, 200 dpi) is
 * indexed with `Engine.index` through the bounded extraction worker, next to a baseline of the same pages as a
 * text PDF. Each side runs in a child process, so peak RSS is its own (tesseract's thread and WebAssembly memory
 * included). Pages per second, the time for 100 pages (measured, or extrapolated from fewer pages when
 * TROVE_BENCH_OCR_PAGES is lower: the report says which) and the extra peak memory OCR costs.
 * Run alone: npx tsx scripts/bench/ocr.ts
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../electron/core/engine.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { knownPages, linesPdf, scannedPdf } from '../../tests/helpers/scanned-pdf.ts';
import { peakRssMiB, runChild } from './child-run.ts';
import { describeMachine } from './machine.ts';

interface OcrRun {
  readonly ms: number;
  readonly maxRssMiB: number;
  readonly chunks: number;
  readonly indexed: number;
}

export interface OcrBenchResult {
  readonly pages: number;
  readonly baseline: OcrRun;
  readonly scanned: OcrRun;
}

export async function benchOcr(pages = Number(process.env.TROVE_BENCH_OCR_PAGES ?? 100)): Promise<OcrBenchResult> {
  const work = await mkdtemp(join(tmpdir(), 'trove-bench-ocr-'));
  try {
    const text = knownPages(pages, 'bench');
    await mkdir(join(work, 'text'));
    await mkdir(join(work, 'scan'));
    await writeFile(join(work, 'text', 'contract.pdf'), await linesPdf(text));
    await writeFile(join(work, 'scan', 'contract.pdf'), await scannedPdf(text, 200));
    const baseline = await runChild<OcrRun>(import.meta.filename, { folder: join(work, 'text'), data: join(work, 'text-data') });
    const scanned = await runChild<OcrRun>(import.meta.filename, { folder: join(work, 'scan'), data: join(work, 'scan-data') });
    return { pages, baseline, scanned };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function ocrMarkdown(result: OcrBenchResult): string {
  const { pages, baseline, scanned } = result;
  const seconds = scanned.ms / 1000;
  const perSecond = pages / seconds;
  const hundred = pages === 100 ? `${seconds.toFixed(0)} s (measured)` : `${((100 / pages) * seconds).toFixed(0)} s (extrapolated from ${pages} pages)`;
  return [
    `| ${pages}-page PDF, letter size, 200 dpi scan | time | pages/s | peak RSS |`,
    '|---|---|---|---|',
    `| baseline: the same pages with a text layer | ${(baseline.ms / 1000).toFixed(1)} s | ${(pages / (baseline.ms / 1000)).toFixed(1)} | ${baseline.maxRssMiB.toFixed(0)} MiB |`,
    `| scanned (image-only), OCR on | ${seconds.toFixed(1)} s | ${perSecond.toFixed(2)} | ${scanned.maxRssMiB.toFixed(0)} MiB |`,
    '',
    `100 scanned pages: ${hundred}. Extra peak memory of OCR: ${(scanned.maxRssMiB - baseline.maxRssMiB).toFixed(0)} MiB. ` +
      `Both indexed ${scanned.indexed === 1 && baseline.indexed === 1 ? 'the file' : `${scanned.indexed}/${baseline.indexed} files`} ` +
      `(${scanned.chunks} / ${baseline.chunks} chunks). Machine: ${describeMachine()}.`,
  ].join('\n');
}

async function child(args: { folder: string; data: string }, out: string): Promise<void> {
  await mkdir(args.data, { recursive: true });
  const engine = new Engine({ store: Store.open(join(args.data, 'trove.db')) });
  const started = performance.now();
  const [summary] = await engine.index([args.folder]);
  const ms = performance.now() - started;
  await engine.dispose();
  const run: OcrRun = { ms, maxRssMiB: peakRssMiB(), chunks: summary?.chunks ?? 0, indexed: summary?.indexed ?? 0 };
  await writeFile(out, JSON.stringify(run));
}

const childAt = process.argv.indexOf('--child');
if (childAt !== -1) {
  await child(JSON.parse(process.argv[childAt + 1] ?? '{}') as { folder: string; data: string }, process.argv[process.argv.indexOf('--out') + 1] ?? '');
} else if (import.meta.filename === process.argv[1]) {
  console.log(ocrMarkdown(await benchOcr()));
}
