/** `trove status`: folders, counts, per-file problems with what to do, and the embedding setup. */
import type { EngineStatus } from '../../core/engine.ts';
import { errorAction, type ErrorCode } from '../../core/errors.ts';
import { printJson, withEngine, type GlobalOptions } from './open.ts';

const MAX_LISTED_FAILURES = 50;

export async function runStatus(options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine) => {
    const status = engine.status();
    if (options.json) {
      printJson({
        ...status,
        problems: status.problems.map((problem) => ({ ...problem, action: errorAction(problem.code as ErrorCode) })),
      });
    } else process.stdout.write(formatStatus(status));
  });
}

export function formatStatus(status: EngineStatus): string {
  const { counts } = status;
  const lines = [
    `Index: ${status.database}`,
    `Documents: ${counts.indexed} indexed, ${counts.skipped} skipped, ${counts.failed} failed; ${counts.chunks} chunks`,
    status.embedding
      ? `Embedding model: ${status.embedding.model} (${status.embedding.dimensions} dimensions, fingerprint ${status.embedding.fingerprint}); ${counts.vectors} vectors` +
        (counts.staleVectors > 0 ? `, ${counts.staleVectors} documents waiting to be re-embedded` : '')
      : 'Embedding model: none — search runs on BM25 only (trove index --embed-model <file.gguf>)',
    `Chunking: up to ${status.chunking.maxTokens} tokens, ${status.chunking.overlapTokens} overlap (fingerprint ${status.chunking.fingerprint})`,
    '',
    status.folders.length === 0 ? 'No folders yet: trove index <folder>' : 'Folders:',
    ...status.folders.flatMap((f) => [
      `  ${f.path}  [${f.status}${f.settings.paused ? ', paused' : ''}] ${f.documents} files, ${f.chunks} chunks, ` +
        `${f.skipped} skipped, ${f.failed} failed` +
        (f.pending > 0 ? `, ${f.pending} waiting to be indexed` : '') +
        (f.error ? ` — ${f.error}` : ''),
      `    size limit ${(f.settings.maxFileBytes / 2 ** 20).toFixed(0)} MiB; excludes: .gitignore, .troveignore, defaults` +
        (f.settings.exclude && f.settings.exclude.length > 0 ? `, ${f.settings.exclude.join(' ')}` : ''),
    ]),
  ];
  if (status.folders.length > 0) lines.push(`  (default excludes: ${status.defaultExcludes.join(', ')})`);
  if (status.queue.pending > 0) lines.push('', `Pending: ${status.queue.pending} files queued (trove index or trove watch works them off)`);
  if (status.queue.failed.length > 0) {
    lines.push('', `Jobs that kept failing (${status.queue.failed.length}):`);
    for (const job of status.queue.failed.slice(0, MAX_LISTED_FAILURES)) lines.push(`  ${job.path}`, `    ${job.error} (after ${job.attempts} attempts)`);
  }
  const failures = status.problems.filter((problem) => problem.status === 'failed');
  if (failures.length > 0) {
    lines.push('', `Failed files (${failures.length}):`);
    for (const problem of failures.slice(0, MAX_LISTED_FAILURES)) {
      lines.push(`  ${problem.path}`, `    ${problem.code}: ${problem.message}. ${errorAction(problem.code as ErrorCode)}`);
    }
    if (failures.length > MAX_LISTED_FAILURES) lines.push(`  …and ${failures.length - MAX_LISTED_FAILURES} more (trove status --json)`);
  }
  const skippedByCode = new Map<string, number>();
  for (const problem of status.problems) {
    if (problem.status === 'skipped') skippedByCode.set(problem.code, (skippedByCode.get(problem.code) ?? 0) + 1);
  }
  if (skippedByCode.size > 0) {
    lines.push('', 'Skipped files:');
    for (const [code, count] of skippedByCode) lines.push(`  ${count} × ${code}: ${errorAction(code as ErrorCode)}`);
  }
  return `${lines.join('\n')}\n`;
}
