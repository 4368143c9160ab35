/**
 * Finds what changed on disk while nobody was looking (Trove not running, a drive unmounted, ignore rules
 * edited): the folder is walked and each file's size and mtime compared with the index. Only differences
 * become jobs; unchanged files are never read. Jobs are queued in batches as the walk streams, so a folder of
 * 100,000 files never builds a list of them.
 */
import { sep } from 'node:path';
import type { FolderRow, IndexStore } from '../ports.ts';
import type { Clock } from '../types.ts';
import type { Indexer } from './indexer.ts';
import { walkEntries, type WalkFilter, type WalkProblem } from './walk-folder.ts';

export interface ReconcileResult {
  /** Files the walk saw (after exclusions). */
  readonly files: number;
  /** Of those, files whose size and mtime match the index: nothing to do. */
  readonly unchanged: number;
  /** Paths queued for indexing or removal. */
  readonly queued: number;
  /** Entries that could not be listed, and ignore files that could not be read; recorded as failed documents. */
  readonly problems: number;
}

const BATCH = 500;

export async function reconcileFolder(
  deps: { readonly store: IndexStore; readonly clock: Clock; readonly indexer: Indexer },
  folder: FolderRow,
  rules: WalkFilter,
  maxFileBytes: number,
  signal?: AbortSignal,
): Promise<ReconcileResult> {
  const { store, clock, indexer } = deps;
  // One small row per indexed file; entries are deleted as the walk sees them, leaving the vanished ones.
  const known = await store.statesForFolder(folder.id);
  const problems: WalkProblem[] = [];
  let batch: { folderId: number; path: string; kind: 'upsert' | 'remove' }[] = [];
  const flush = async () => {
    const queuedNow = batch;
    batch = [];
    await store.jobs.enqueueMany(queuedNow, clock.now());
  };
  let files = 0;
  let unchanged = 0;
  let queued = 0;
  for await (const file of walkEntries(folder.path, problems, rules)) {
    if (signal?.aborted) return { files, unchanged, queued, problems: problems.length };
    files += 1;
    const state = known.get(file.path);
    known.delete(file.path);
    if (state && indexer.isUpToDate(state, file, maxFileBytes)) {
      unchanged += 1;
      continue;
    }
    batch.push({ folderId: folder.id, path: file.path, kind: 'upsert' });
    queued += 1;
    if (batch.length >= BATCH) await flush();
  }
  // A directory that could not be listed says nothing about its files: keep them rather than drop them.
  const unreadableDirs = problems.map((problem) => `${problem.path}${sep}`);
  for (const problem of problems) {
    const state = known.get(problem.path);
    known.delete(problem.path);
    if (state) await indexer.recordFailure(folder, { path: problem.path, size: state.size, mtimeMs: state.mtimeMs }, problem.code, problem.message);
  }
  // An unreadable ignore file is never indexed, but it is a problem to see: its directory's files are left out
  // (and dropped from the index below) until it can be read. Once it can, its row goes the way of vanished files.
  const ruleProblems = rules.unreadableRuleFiles?.() ?? [];
  for (const problem of ruleProblems) {
    known.delete(problem.path);
    await indexer.recordFailure(folder, { path: problem.path, size: 0, mtimeMs: 0 }, problem.code, problem.message);
  }
  for (const state of known.values()) {
    if (unreadableDirs.some((dir) => state.path.startsWith(dir))) continue;
    // Gone from disk, or now excluded: it must never be cited again.
    batch.push({ folderId: folder.id, path: state.path, kind: 'remove' });
    queued += 1;
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return { files, unchanged, queued, problems: problems.length + ruleProblems.length };
}
