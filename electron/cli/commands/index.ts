/** `trove index [folders...]`: register folders and bring their index up to date. */
import type { FolderIndexSummary } from '../../core/index/indexer.ts';
import { TroveError } from '../../core/errors.ts';
import { createProgressPrinter } from '../progress.ts';
import { printJson, withEngine, type GlobalOptions } from './open.ts';

export async function runIndex(folders: string[], options: GlobalOptions & { embedModel?: string; redact?: boolean; ocr?: boolean }): Promise<void> {
  await withEngine({ ...options, loadEmbedder: true, sharedStore: 'supported' }, async (engine) => {
    if ((options.redact || options.ocr !== undefined) && engine.isShared) {
      throw new TroveError('INVALID_ARGUMENT', '--redact and --ocr settings cannot be changed on a shared store yet: index without them.');
    }
    if (options.redact || options.ocr !== undefined) {
      // Remembered per folder (like `trove folder set --redact`), so a later run without the flag cannot
      // put secrets back into the index when a file changes.
      const targets = folders.length > 0 ? (await engine.addFolders(folders)).map((f) => f.path) : engine.store.folders.list().map((f) => f.path);
      const changes = { ...(options.redact ? { redact: true } : {}), ...(options.ocr !== undefined ? { ocr: options.ocr } : {}) };
      for (const path of targets) engine.updateFolderSettings(path, changes);
    }
    if (folders.length === 0 && (await engine.listFolders()).length === 0) {
      process.stderr.write('trove: no folders registered yet: run `trove index <folder>`\n');
      process.exitCode = 1;
      return;
    }
    const progress = createProgressPrinter();
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    try {
      const summaries = await engine.index(folders, { onProgress: progress.onProgress, signal: controller.signal });
      progress.finish();
      if (!engine.embedder) process.stderr.write('trove: no embedding model configured: indexed for BM25 search only\n');
      if (options.json) printJson({ folders: summaries, totals: totals(summaries) });
      else for (const summary of summaries) process.stdout.write(`${formatSummary(summary)}\n`);
      for (const summary of summaries) {
        if (summary.heldBy) process.stderr.write(`trove: ${summary.folder} is being indexed by ${summary.heldBy}: skipped (its work is shared)\n`);
      }
      for (const folder of await engine.listFolders()) {
        if (folder.status === 'missing') process.stderr.write(`trove: ${folder.error ?? folder.path}: skipped\n`);
      }
      if (controller.signal.aborted) {
        process.stderr.write('trove: interrupted; run `trove index` again to finish\n');
        process.exitCode = 130;
      }
    } finally {
      process.off('SIGINT', stop);
    }
  });
}

function formatSummary(s: FolderIndexSummary): string {
  return (
    `${s.folder}: ${s.files} files — ${s.indexed} indexed, ${s.unchanged} unchanged, ${s.skipped} skipped, ` +
    `${s.failed} failed, ${s.removed} removed; ${s.chunks} chunks in ${s.seconds.toFixed(1)} s`
  );
}

function totals(summaries: readonly FolderIndexSummary[]): Omit<FolderIndexSummary, 'folder'> {
  const sum = (pick: (s: FolderIndexSummary) => number) => summaries.reduce((total, s) => total + pick(s), 0);
  return {
    files: sum((s) => s.files),
    indexed: sum((s) => s.indexed),
    unchanged: sum((s) => s.unchanged),
    skipped: sum((s) => s.skipped),
    failed: sum((s) => s.failed),
    removed: sum((s) => s.removed),
    chunks: sum((s) => s.chunks),
    seconds: sum((s) => s.seconds),
  };
}
