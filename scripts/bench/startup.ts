/**
 * Start-up: how long a command takes from launch to exit, each a median of RUNS next to `node -e 0` measured in
 * the same run (every sample a fresh process, as a person at a terminal starts one). The CLI is the built one
 * (bin/trove.mjs → out/app/cli.mjs); the TypeScript sources through tsx (TROVE_FROM_SOURCES=1) are shown beside
 * it. The index is Debian's PostgreSQL manual (apt-get install postgresql-doc-15), BM25 only.
 *
 *   npx tsx scripts/bench/startup.ts
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openEngine } from '../../electron/core/open-engine.ts';
import { POSTGRES_DOCS } from './index-html.ts';
import { median, timeMs } from './stats.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/trove.mjs');
const RUNS = 15;
const QUERY = 'foreign key constraint';

export interface StartupRow {
  readonly label: string;
  readonly ms: number;
  /** The measure's own work, when it has some (the search itself in a process that searched before). */
  readonly ownMs?: number;
  /** The same search as the first in a fresh process, as the CLI runs it: the bound is 2 × node -e 0 plus this. */
  readonly ownColdMs?: number;
}

export interface StartupResult {
  readonly nodeMs: number;
  readonly rows: readonly StartupRow[];
  readonly chunks: number;
}

function wallMs(args: readonly string[], env: NodeJS.ProcessEnv = {}): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr.toString()}`);
  return ms;
}

/** Alternating samples, so load from other processes on the machine touches every measure alike. */
function medians(measures: Record<string, () => number>, runs: number): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(measures).map((k) => [k, []]));
  for (const run of Array.from({ length: runs + 1 }, (_, i) => i)) {
    for (const [key, measure] of Object.entries(measures)) {
      const ms = measure();
      if (run > 0) samples[key]?.push(ms); // the first round warms the page cache
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

/** Spawns the engine host (the e2e host: the same startHost as the app's utilityProcess) and times it to "listening". */
function hostReadyMs(args: readonly string[], dataDir: string): Promise<number> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...args, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.setEncoding('utf8').once('data', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      child.kill('SIGTERM');
      child.once('exit', () => done(ms));
    });
    child.once('error', fail);
  });
}

export async function benchStartup(): Promise<StartupResult> {
  if (!existsSync(join(ROOT, 'out/app/cli.mjs'))) throw new Error('Build first: npm run build');
  if (!existsSync(POSTGRES_DOCS)) throw new Error(`No PostgreSQL manual at ${POSTGRES_DOCS}: apt-get install postgresql-doc-15`);
  const dataDir = await mkdtemp(join(tmpdir(), 'trove-startup-'));
  try {
    wallMs([BIN, 'index', POSTGRES_DOCS, '--data-dir', dataDir]);
    const engine = await openEngine({ dataDir });
    const chunks = engine.status().counts.chunks;
    // The search's own time: the first search on a freshly opened engine (what one CLI run does once).
    const own: number[] = [];
    await engine.dispose();
    for (let i = 0; i < 5; i++) {
      const fresh = await openEngine({ dataDir });
      own.push(await timeMs(() => fresh.search(QUERY, { mode: 'bm25', k: 10 })));
      await fresh.dispose();
    }
    // The same search as a fresh process runs it once (scripts/bench/search-once.ts): cold code, cold SQLite cache.
    const cold: number[] = [];
    for (let i = 0; i < 7; i++) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/bench/search-once.ts'), dataDir, QUERY], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`search-once failed: ${run.stderr}`);
      cold.push(Number(run.stdout.trim()));
    }
    const built = medians(
      {
        node: () => wallMs(['-e', '0']),
        version: () => wallMs([BIN, '--version']),
        status: () => wallMs([BIN, 'status', '--data-dir', dataDir]),
        search: () => wallMs([BIN, 'search', QUERY, '--mode', 'bm25', '--data-dir', dataDir]),
      },
      RUNS,
    );
    const sources = medians(
      {
        search: () => wallMs([BIN, 'search', QUERY, '--mode', 'bm25', '--data-dir', dataDir], { TROVE_FROM_SOURCES: '1' }),
      },
      5,
    );
    const hostBuilt: number[] = [];
    const hostSources: number[] = [];
    for (let i = 0; i < 5; i++) {
      hostBuilt.push(await hostReadyMs([join(ROOT, 'out/app/ws-host.mjs')], dataDir));
      hostSources.push(await hostReadyMs(['--import', 'tsx', join(ROOT, 'electron/host/ws-entry.ts')], dataDir));
    }
    const window = windowFirstPaint(dataDir);
    const ownMs = median(own);
    const ownColdMs = median(cold);
    return {
      nodeMs: built.node as number,
      chunks,
      rows: [
        { label: '`trove --version`', ms: built.version as number },
        { label: '`trove status`', ms: built.status as number },
        { label: `\`trove search "${QUERY}" --mode bm25\``, ms: built.search as number, ownMs, ownColdMs },
        { label: '`trove search`, TypeScript sources through tsx', ms: sources.search as number, ownMs, ownColdMs },
        { label: 'engine host spawned → ready to answer (built)', ms: median(hostBuilt) },
        { label: 'engine host spawned → ready to answer (sources through tsx)', ms: median(hostSources) },
        { label: 'app window (e2e harness, Chromium): navigation → first contentful paint', ms: window.firstContentfulPaintMs },
        { label: 'app window (e2e harness, Chromium): navigation → question box on screen', ms: window.questionBoxMs },
      ],
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** scripts/bench/window-paint.ts in a child process (it is type-checked with the e2e tests, for its DOM types). */
function windowFirstPaint(dataDir: string): { firstContentfulPaintMs: number; questionBoxMs: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/bench/window-paint.ts'), dataDir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`window-paint failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as { firstContentfulPaintMs: number; questionBoxMs: number };
}

export function startupMarkdown(result: StartupResult): string {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  return [
    `| measure | median | × \`node -e 0\` | bound |`,
    '|---|---|---|---|',
    `| baseline: \`node -e 0\` | ${ms(result.nodeMs)} | 1.0× | |`,
    ...result.rows.map((row) => {
      const bound =
        row.ownMs !== undefined && row.ownColdMs !== undefined
          ? `≤ 2 × node + search (${ms(row.ownColdMs)} in a fresh process) = ${ms(2 * result.nodeMs + row.ownColdMs)}; with the warm search (${ms(row.ownMs)}): ${ms(2 * result.nodeMs + row.ownMs)}`
          : row.label === '`trove --version`'
            ? `≤ 1.5 × node = ${ms(1.5 * result.nodeMs)}`
            : '';
      return `| ${row.label} | ${ms(row.ms)} | ${(row.ms / result.nodeMs).toFixed(1)}× | ${bound} |`;
    }),
    '',
    `Each a median of ${RUNS} fresh processes (5 for the sources and the host), measures alternating within a round; the`,
    `index is the PostgreSQL manual (${result.chunks} chunks, BM25). The search's own time: the one search a fresh`,
    'process runs after opening the engine (scripts/bench/search-once.ts, median of 7), which is what `trove search`',
    'pays; and, for comparison, the first search on a freshly opened engine in a process that has searched before',
    '(median of 5), whose code V8 has already optimised. The host is the e2e transport (electron/host/ws-entry.ts), the same',
    'startHost the app runs in its utilityProcess; ready = listening, the engine open. The window: the built renderer in',
    "Debian's Chromium against a fresh host per run (median of 5, scripts/bench/window-paint.ts), from the page's navigation start.",
  ].join('\n');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(startupMarkdown(await benchStartup()));
}
