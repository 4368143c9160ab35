/**
 * Peak memory of extracting one large HTML page (issue 15): a fresh child process reads the file and extracts
 * it (`extractFile`: blocks, source spans, line index), and reports its resident set before and at its peak.
 * The default page is Node.js's one-page manual, `/usr/share/doc/nodejs/api/all.html` (8.4 MB; Debian's
 * `nodejs-doc`). Memory only: the machine may be shared, and the peak does not depend on load.
 * Run: npx tsx scripts/bench/html-memory.ts [page.html]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { extractFile } from '../../electron/core/extract/index.ts';
import { peakRssMiB, runChild } from './child-run.ts';

const DEFAULT_PAGE = '/usr/share/doc/nodejs/api/all.html';

export interface HtmlMemoryRun {
  readonly page: string;
  readonly megabytes: number;
  readonly blocks: number;
  /** Resident set once the modules are loaded and the file is read, before extraction. */
  readonly beforeMiB: number;
  /** The child's peak resident set, extraction included. */
  readonly peakMiB: number;
}

export function benchHtmlMemory(page = DEFAULT_PAGE): Promise<HtmlMemoryRun> {
  return runChild<HtmlMemoryRun>(import.meta.filename, { page });
}

async function child(page: string, out: string): Promise<void> {
  const bytes = await readFile(page);
  const beforeMiB = process.memoryUsage().rss / 2 ** 20;
  const document = await extractFile(page);
  const run: HtmlMemoryRun = { page, megabytes: bytes.length / 1e6, blocks: document.blocks.length, beforeMiB, peakMiB: peakRssMiB() };
  await writeFile(out, JSON.stringify(run));
}

const childAt = process.argv.indexOf('--child');
if (childAt !== -1) {
  const { page } = JSON.parse(process.argv[childAt + 1] ?? '{}') as { page: string };
  await child(page, process.argv[process.argv.indexOf('--out') + 1] ?? '');
} else if (import.meta.filename === process.argv[1]) {
  const run = await benchHtmlMemory(process.argv[2] ?? DEFAULT_PAGE);
  console.log(`${run.page} (${run.megabytes.toFixed(1)} MB, ${run.blocks} blocks): ${run.beforeMiB.toFixed(0)} MiB before extraction, peak ${run.peakMiB.toFixed(0)} MiB (+${(run.peakMiB - run.beforeMiB).toFixed(0)} MiB)`);
}
