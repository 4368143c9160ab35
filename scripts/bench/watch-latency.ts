/**
 * Save-to-search latency while `trove watch` runs: the real CLI watches a folder in a child process; this
 * process saves an edit with a new, unique word and polls search (in-process, on the same database file, every
 * 10 ms) until the edited file is returned. Polling through the `trove search` CLI would add its own start-up
 * (measured separately and reported next to it) to every sample and hide what the watcher costs.
 *
 * Then the same edits checked as a person at a terminal would: `trove search` run again and again (each run a new
 * process, start-up included) until it returns the edited file.
 *
 * Baseline, same run: without a watcher a user re-runs `trove index` after saving; its time is measured on the
 * same folder. Runs without and with the generated test embedding model (ensureTestModels()).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openEngine } from '../../electron/core/open-engine.ts';
import { ensureTestModels } from '../generate-test-models.ts';
import { median, percentile, timeMs } from './stats.ts';

const BIN = resolve(import.meta.dirname, '../../bin/trove.mjs');
const FILES = 300;
const EDITS = 60;
const BASELINE_RUNS = 5;
const POLL_MS = 10;
const TIMEOUT_MS = 15_000;
const CLI_EDITS = 20;

export interface WatchLatencyResult {
  readonly label: string;
  readonly edits: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly baselineIndexMs: number;
  readonly cliSearchMs: number;
  /** Save → found by a `trove search` run from the terminal (re-run until it finds the file; start-up included). */
  readonly terminalP50Ms: number;
  readonly terminalP95Ms: number;
}

export async function benchWatchLatency(): Promise<WatchLatencyResult[]> {
  const { model } = await ensureTestModels();
  return [await measure('no model (BM25 only)', undefined), await measure('generated test embedding model', model)];
}

async function measure(label: string, embedModel: string | undefined): Promise<WatchLatencyResult> {
  const folder = await mkdtemp(join(tmpdir(), 'trove-watch-bench-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'trove-watch-data-'));
  for (let i = 0; i < FILES; i++) await writeFile(join(folder, `note-${i}.md`), `# Note ${i}\n\nOrdinary words about topic ${i % 13}.\n`);
  const modelArgs = embedModel ? ['--embed-model', embedModel] : [];
  await cli(['index', folder, ...modelArgs, '--data-dir', dataDir]);

  // Baseline: edit one file, then run `trove index` as a user without a watcher would.
  const baseline: number[] = [];
  for (let run = 0; run < BASELINE_RUNS; run++) {
    await writeFile(join(folder, 'note-0.md'), `# Note 0\n\nBaseline edit ${run}.\n`);
    baseline.push(await timeMs(() => cli(['index', '--data-dir', dataDir])));
  }
  const cliSearch: number[] = [];
  for (let run = 0; run < BASELINE_RUNS; run++) cliSearch.push(await timeMs(() => cli(['search', 'ordinary', '--mode', 'bm25', '--data-dir', dataDir])));

  const watcher = await startWatch(dataDir);
  const reader = await openEngine({ dataDir });
  const latencies: number[] = [];
  const terminal: number[] = [];
  try {
    for (let edit = 0; edit < EDITS; edit++) {
      const path = join(folder, `note-${(edit * 7) % FILES}.md`);
      const word = `zebu${edit}q${Date.now().toString(36)}`;
      const started = process.hrtime.bigint();
      await writeFile(path, `# Edited\n\nThis note now mentions ${word} among other words.\n`);
      for (;;) {
        const { results } = await reader.search(word, { mode: 'bm25', k: 1 });
        if (results[0]?.path === path) break;
        if (Number(process.hrtime.bigint() - started) / 1e6 > TIMEOUT_MS) throw new Error(`Edit ${edit} never became searchable`);
        await new Promise((done) => setTimeout(done, POLL_MS));
      }
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      await new Promise((done) => setTimeout(done, 100)); // separate edits, as a person saving would
    }
    for (let edit = 0; edit < CLI_EDITS; edit++) {
      const path = join(folder, `note-${(edit * 11 + 3) % FILES}.md`);
      const word = `gnu${edit}q${Date.now().toString(36)}`;
      const started = process.hrtime.bigint();
      await writeFile(path, `# Edited\n\nThis note now mentions ${word} among other words.\n`);
      while (!(await cliOutput(['search', word, '--mode', 'bm25', '--k', '1', '--json', '--data-dir', dataDir])).includes(path)) {
        if (Number(process.hrtime.bigint() - started) / 1e6 > TIMEOUT_MS) throw new Error(`Edit ${edit} was never found by trove search`);
      }
      terminal.push(Number(process.hrtime.bigint() - started) / 1e6);
      await new Promise((done) => setTimeout(done, 100));
    }
  } finally {
    await reader.dispose();
    watcher.kill('SIGINT');
    await new Promise((done) => watcher.once('exit', done));
    await rm(folder, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
  return {
    label,
    edits: latencies.length,
    p50Ms: median(latencies),
    p95Ms: percentile(latencies, 95),
    maxMs: Math.max(...latencies),
    baselineIndexMs: median(baseline),
    cliSearchMs: median(cliSearch),
    terminalP50Ms: median(terminal),
    terminalP95Ms: percentile(terminal, 95),
  };
}

function cli(args: readonly string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`trove ${args.join(' ')} failed: ${stderr}`))));
  });
}

function cliOutput(args: readonly string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.on('exit', (code) => (code === 0 ? done(stdout) : fail(new Error(`trove ${args.join(' ')} failed (${code})`))));
  });
}

/** Starts `trove watch --json` and resolves once it reports that it is ready. */
function startWatch(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'watch', '--json', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      output += text;
      if (output.includes('"event":"ready"')) done(child);
    });
    child.once('exit', (code) => fail(new Error(`trove watch exited early (${code})`)));
  });
}

/** Markdown for docs/benchmarks.md. */
export function formatWatchLatency(results: readonly WatchLatencyResult[]): string {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  return [
    `### Save-to-search latency while \`trove watch\` runs (${FILES} files, ${EDITS} edits each)\n`,
    '| setup | p50 | p95 | max | from the terminal: p50 / p95 | baseline: `trove index` after the edit (median of 5) | one `trove search` CLI run (median of 5) |',
    '|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.label} | ${ms(r.p50Ms)} | ${ms(r.p95Ms)} | ${ms(r.maxMs)} | ${ms(r.terminalP50Ms)} / ${ms(r.terminalP95Ms)} | ${ms(r.baselineIndexMs)} | ${ms(r.cliSearchMs)} |`,
    ),
    '',
    'Latency: from the write of the edited file to the first in-process search (polled every 10 ms on the same',
    'database file) that returns it; the watcher is the real `trove watch` CLI in a child process. From the',
    `terminal: ${CLI_EDITS} more edits, each checked by running \`trove search <word> --mode bm25\` (the built CLI, a new`,
    'process each time, start-up included) until it returns the edited file.',
  ].join('\n');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(formatWatchLatency(await benchWatchLatency()));
}
