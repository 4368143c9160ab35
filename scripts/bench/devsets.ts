/**
 * The dev sets (scripts/eval/devsets/<name>/devset.jsonl), BM25 only, no model, three ways in one run:
 * (a) a naive per-page FTS5 index (naive-fts.ts), (b) the engine at a baseline revision, checked out into a
 * temporary git worktree, and (c) this tree's engine. (b) and (c) are measured by the same script
 * (devset-measure.ts) in a child process each, importing the engine of their own tree.
 *
 *   npx tsx scripts/bench/devsets.ts [--baseline <rev>]
 *
 * A dev set whose corpus is not installed (a Debian -doc package) is skipped with a note.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadTroveDataset } from '../../electron/core/eval/trove-dataset.ts';
import { corpusToIndex } from '../../electron/core/eval/run-eval.ts';
import type { EngineDevsetNumbers } from './devset-measure.ts';
import { measureNaiveFts, type NaiveNumbers } from './naive-fts.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEVSETS = join(REPO, 'scripts/eval/devsets');
/** The engine before issue 11 ("answers people can rely on"): what the dev sets' targets are measured against. */
export const DEFAULT_BASELINE = '15db2b0';

export interface DevsetBenchRow {
  readonly name: string;
  readonly questions: { readonly answerable: number; readonly unanswerable: number; readonly conversations: number };
  readonly naive: NaiveNumbers;
  readonly baseline: EngineDevsetNumbers;
  readonly current: EngineDevsetNumbers;
}

export interface DevsetBenchResult {
  readonly baselineRevision: string;
  readonly rows: readonly DevsetBenchRow[];
  readonly skipped: readonly string[];
}

export async function benchDevsets(baselineRevision = DEFAULT_BASELINE): Promise<DevsetBenchResult> {
  const files = (await readdir(DEVSETS, { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isDirectory() && existsSync(join(DEVSETS, entry.name, 'devset.jsonl')))
    .map((entry) => join(DEVSETS, entry.name, 'devset.jsonl'))
    .sort();
  const rows: DevsetBenchRow[] = [];
  const skipped: string[] = [];
  const scratch = await mkdtemp(join(tmpdir(), 'trove-bench-devsets-'));
  const checkout = join(scratch, 'baseline');
  const revision = execFileSync('git', ['rev-parse', '--short', baselineRevision], { cwd: REPO, encoding: 'utf8' }).trim();
  execFileSync('git', ['worktree', 'add', '--detach', checkout, revision], { cwd: REPO, stdio: 'ignore' });
  try {
    await symlink(await realpath(join(REPO, 'node_modules')), join(checkout, 'node_modules'));
    for (const file of files) {
      const loaded = await loadTroveDataset(file).catch((error: unknown) => error as Error);
      if (loaded instanceof Error || !loaded.corpus) {
        skipped.push(`${file}: ${loaded instanceof Error ? loaded.message : 'names no corpus'}`);
        continue;
      }
      const { folder, dataset } = await corpusToIndex(loaded, join(scratch, slugOf(file)));
      rows.push({
        name: dataset.name,
        questions: {
          answerable: dataset.questions.filter((q) => q.answerable).length,
          unanswerable: dataset.questions.filter((q) => !q.answerable).length,
          conversations: dataset.conversations?.length ?? 0,
        },
        naive: await measureNaiveFts(folder, dataset, join(scratch, `${slugOf(file)}-naive.db`)),
        baseline: measure(checkout, file),
        current: measure(REPO, file),
      });
    }
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', checkout], { cwd: REPO, stdio: 'ignore' });
    await rm(scratch, { recursive: true, force: true });
  }
  return { baselineRevision: revision, rows, skipped };
}

function slugOf(file: string): string {
  return dirname(file).split('/').pop() ?? 'devset';
}

function measure(engineRoot: string, datasetFile: string): EngineDevsetNumbers {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'scripts/bench/devset-measure.ts'), '--engine-root', engineRoot, '--dataset', datasetFile],
    { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  );
  const line = output.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as EngineDevsetNumbers;
}

export function devsetsMarkdown(result: DevsetBenchResult): string {
  const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
  const num = (value: number | null) => (value === null ? '—' : value.toFixed(2));
  const tokens = (value: number | null) => (value === null ? '—' : value.toFixed(0));
  const lines: string[] = [];
  for (const row of result.rows) {
    const q = row.questions;
    lines.push(
      `**${row.name}** — ${q.answerable} answerable, ${q.unanswerable} unanswerable questions, ${q.conversations} follow-up conversations; BM25 only, no model.`,
      '',
      `| measure | naive FTS5 per page (${row.naive.rows} rows) | engine at ${result.baselineRevision} | this tree |`,
      '|---|---|---|---|',
      `| page/line hit@5 (answerable) | ${pct(row.naive.hitAt5)} | ${pct(row.baseline.hitAt5)} | ${pct(row.current.hitAt5)} |`,
      `| answerable wrongly declined | — | ${pct(row.baseline.answerableDeclined)} | ${pct(row.current.answerableDeclined)} |`,
      `| unanswerable declined | — | ${pct(row.baseline.unanswerableDeclined)} | ${pct(row.current.unanswerableDeclined)} |`,
      `| abstention precision / recall | — | ${num(row.baseline.abstentionPrecision)} / ${num(row.baseline.abstentionRecall)} | ${num(row.current.abstentionPrecision)} / ${num(row.current.abstentionRecall)} |`,
      `| follow-up hit@5 (searched ${rewriteLabel(row.baseline)} / ${rewriteLabel(row.current)}) | ${pct(row.naive.followUpHitAt5)} | ${pct(row.baseline.followUpHitAt5)} | ${pct(row.current.followUpHitAt5)} |`,
      `| the same follow-up asked standalone, hit@5 | ${pct(row.naive.standaloneHitAt5)} | ${pct(row.baseline.standaloneHitAt5)} | ${pct(row.current.standaloneHitAt5)} |`,
      `| median tokens of the passages shown per answer (estimated, no model) | — | ${tokens(row.baseline.medianSourceTokens)} | ${tokens(row.current.medianSourceTokens)} |`,
      `| answerable questions whose answer cites a right passage | — | ${pct(row.baseline.answerHitRate ?? null)} | ${pct(row.current.answerHitRate ?? null)} |`,
      '',
    );
  }
  for (const note of result.skipped) lines.push(`Skipped ${note}`);
  return lines.join('\n');
}

function rewriteLabel(numbers: EngineDevsetNumbers): string {
  return numbers.followUpRewrite === 'engine' ? 'as rewritten' : 'as asked';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { baseline: { type: 'string' } } });
  console.log(devsetsMarkdown(await benchDevsets(values.baseline)));
}
