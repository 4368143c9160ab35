/**
 * `trove rebuild [--yes]`: re-creates a damaged index from the folder list (recovered from the damaged
 * database, else from folders.json). The damaged file is moved aside (trove.db.damaged-<time>), not deleted;
 * the user's own files are only read.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { DATABASE_FILE, resolveDataDir } from '../../core/data-dir.ts';
import { TroveError } from '../../core/errors.ts';
import { planRebuild, rebuildIndex } from '../../core/store/sqlite/rebuild.ts';
import { createProgressPrinter } from '../progress.ts';
import { printJson, withEngine, type GlobalOptions } from './open.ts';

export async function runRebuild(options: GlobalOptions & { yes?: boolean }): Promise<void> {
  const dataDir = resolveDataDir(options.dataDir);
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new TroveError('INVALID_ARGUMENT', `There is no index at ${file} to rebuild; run trove index <folder>`);
  const plan = planRebuild(file);
  const what = `move ${file} aside and re-index ${plan.folders.length} ${plan.folders.length === 1 ? 'folder' : 'folders'}`;
  if (!options.yes && !(await confirm(`Rebuild will ${what}. Go ahead? [y/N] `))) {
    if (!process.stdin.isTTY) throw new TroveError('INVALID_ARGUMENT', `Rebuild would ${what}; run trove rebuild --yes to go ahead`);
    process.stdout.write('Nothing changed.\n');
    return;
  }
  const { movedTo, store } = rebuildIndex(plan, Date.now());
  store.dispose();
  process.stderr.write(`trove: the old index is kept as ${movedTo}\n`);
  if (plan.source === 'none') process.stderr.write('trove: no folder list could be recovered: add your folders again with trove index <folder>\n');
  await withEngine({ ...options, loadEmbedder: true }, async (engine) => {
    const progress = createProgressPrinter();
    const summaries = await engine.index([], { onProgress: progress.onProgress });
    progress.finish();
    if (options.json) {
      printJson({ movedTo, recoveredFrom: plan.source, folders: summaries });
      return;
    }
    process.stdout.write(`Rebuilt the index from ${plan.source === 'none' ? 'nothing' : plan.source} (${plan.folders.length} folders); the old file is ${movedTo}\n`);
    for (const s of summaries) process.stdout.write(`${s.folder}: ${s.indexed} indexed, ${s.skipped} skipped, ${s.failed} failed; ${s.chunks} chunks\n`);
  });
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
