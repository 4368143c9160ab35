/**
 * The hostile corpus at full size (tests/helpers/hostile-corpus.ts: a 500 MB text file, 20,000 tiny files, a
 * 10 MB line, zip bombs, a 20,000-page PDF, broken and encrypted PDFs, races…) indexed with the production
 * limits (50 MiB size limit, 60 s and 1 GiB per file), next to a baseline of the same good files alone. Each run
 * is a child process (hostile-child.ts), so peak RSS is the indexer's own. Run alone: npx tsx scripts/bench/hostile.ts
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_MAX_FILE_BYTES } from '../../electron/core/engine.ts';
import { writeHostileCorpus, type HostileCorpusOptions } from '../../tests/helpers/hostile-corpus.ts';
import { describeMachine } from './machine.ts';

const CHILD = resolve(import.meta.dirname, 'hostile-child.ts');

export interface HostileRun {
  readonly ms: number;
  readonly maxRssMiB: number;
  readonly summary: { files: number; indexed: number; skipped: number; failed: number; chunks: number };
  readonly byCode: Record<string, number>;
}

export interface HostileBenchResult {
  readonly baseline: HostileRun;
  readonly hostile: HostileRun;
  readonly goodFiles: number;
  readonly badFiles: number;
}

const FULL_SIZE: Omit<HostileCorpusOptions, 'hostile'> = {
  tinyFiles: 20_000,
  sizeLimitBytes: DEFAULT_MAX_FILE_BYTES,
  overLimitBytes: 500_000_000,
  longLineBytes: 10_000_000,
  binaryFiles: 20,
  pageBombPages: 20_000,
  unreadable: process.getuid?.() !== 0, // as root every file is readable
  races: true,
};

export async function benchHostile(): Promise<HostileBenchResult> {
  const work = await mkdtemp(join(tmpdir(), 'trove-bench-hostile-'));
  try {
    const good = await writeHostileCorpus(join(work, 'good'), { ...FULL_SIZE, hostile: false });
    const bad = await writeHostileCorpus(join(work, 'hostile'), { ...FULL_SIZE, hostile: true });
    const baseline = await runChild(good.root, join(work, 'good-data'));
    const hostile = await runChild(bad.root, join(work, 'hostile-data'), 'races');
    return { baseline, hostile, goodFiles: good.goodFiles, badFiles: bad.expected.size };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function runChild(folder: string, dataDir: string, races?: 'races'): Promise<HostileRun> {
  await mkdir(dataDir, { recursive: true });
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, folder, dataDir, ...(races ? [races] : [])], { maxBuffer: 2 ** 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as HostileRun;
}

export function hostileMarkdown(result: HostileBenchResult): string {
  const row = (name: string, run: HostileRun) =>
    `| ${name} | ${run.summary.files} | ${run.summary.indexed} | ${run.summary.skipped + run.summary.failed} | ${(run.ms / 1000).toFixed(1)} s | ${run.maxRssMiB.toFixed(0)} MiB |`;
  const codes = Object.entries(result.hostile.byCode).sort().map(([code, n]) => `${code} ${n}`).join(', ');
  return [
    '| run | files seen | indexed | skipped + failed | time | peak RSS (indexer process) |',
    '|---|---|---|---|---|---|',
    row(`baseline: the ${result.goodFiles} good files alone`, result.baseline),
    row(`the same + ${result.badFiles} hostile files`, result.hostile),
    '',
    `Hostile files recorded: ${codes}.`,
  ].join('\n');
}

if (process.argv[1] === import.meta.filename) {
  const result = await benchHostile();
  console.log(`Machine: ${describeMachine()}\n`);
  console.log(hostileMarkdown(result));
}
