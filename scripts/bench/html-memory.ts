/**
 * Peak memory of extracting one large HTML page (issue 15): a fresh child process reads the file and extracts
 * it, and reports its resident set before and at its peak. Two ways, each in its own child: `extractFile` in the
 * process (blocks, source spans, line index), and `BoundedExtractor`, the indexer's path for a page this size
 * (a worker thread; its heap counts in the process's resident set).
 * The default page is Node.js's one-page manual, `/usr/share/doc/nodejs/api/all.html` (8.4 MB; Debian's
 * `nodejs-doc`). Memory only: the machine may be shared, and the peak does not depend on load.
 * Run: npx tsx scripts/bench/html-memory.ts [page.html]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { BoundedExtractor } from '../../electron/core/extract/bounded-extractor.ts';
import { extractFile } from '../../electron/core/extract/index.ts';
import { peakRssMiB, runChild } from './child-run.ts';

const DEFAULT_PAGE = '/usr/share/doc/nodejs/api/all.html';

type Via = 'in-process' | 'worker';

export interface HtmlMemoryRun {
  readonly page: string;
  readonly via: Via;
  readonly megabytes: number;
  readonly blocks: number;
  /** Resident set once the modules are loaded and the file is read, before extraction. */
  readonly beforeMiB: number;
  /** The child's peak resident set, extraction included. */
  readonly peakMiB: number;
}

export async function benchHtmlMemory(page = DEFAULT_PAGE): Promise<HtmlMemoryRun[]> {
  const runs: HtmlMemoryRun[] = [];
  for (const via of ['in-process', 'worker'] as const) runs.push(await runChild<HtmlMemoryRun>(import.meta.filename, { page, via }));
  return runs;
}

async function child(page: string, via: Via, out: string): Promise<void> {
  const bytes = await readFile(page);
  const extractor = via === 'worker' ? new BoundedExtractor() : undefined;
  const beforeMiB = process.memoryUsage().rss / 2 ** 20;
  const document = extractor ? await extractor.extract(page, bytes) : await extractFile(page);
  const peakMiB = peakRssMiB();
  await extractor?.dispose();
  const run: HtmlMemoryRun = { page, via, megabytes: bytes.length / 1e6, blocks: document.blocks.length, beforeMiB, peakMiB };
  await writeFile(out, JSON.stringify(run));
}

const childAt = process.argv.indexOf('--child');
if (childAt !== -1) {
  const { page, via } = JSON.parse(process.argv[childAt + 1] ?? '{}') as { page: string; via: Via };
  await child(page, via, process.argv[process.argv.indexOf('--out') + 1] ?? '');
} else if (import.meta.filename === process.argv[1]) {
  for (const run of await benchHtmlMemory(process.argv[2] ?? DEFAULT_PAGE)) {
    console.log(
      `${run.page} (${run.megabytes.toFixed(1)} MB, ${run.blocks} blocks), ${run.via}: ` +
        `${run.beforeMiB.toFixed(0)} MiB before extraction, peak ${run.peakMiB.toFixed(0)} MiB (+${(run.peakMiB - run.beforeMiB).toFixed(0)} MiB)`,
    );
  }
}
