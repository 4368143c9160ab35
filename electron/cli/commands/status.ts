/** `trove status`: folders, counts, per-file problems with what to do, and the embedding setup. */
import type { EngineStatus } from '../../core/engine.ts';
import { errorAction, type ErrorCode } from '../../core/errors.ts';
import { statusJson } from '../../api/result-json.ts';
import { printJson, withEngine, type GlobalOptions } from './open.ts';

const MAX_LISTED_FAILURES = 50;
/** Files listed under each problem code; the rest are counted (all of them are in --json). */
const MAX_FILES_PER_CODE = 10;

export async function runStatus(options: GlobalOptions): Promise<void> {
  await withEngine({ ...options, sharedStore: 'supported' }, async (engine) => {
    const status = await engine.indexStatus();
    if (options.json) {
      printJson(statusJson(status));
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
        (f.indexedBy ? `; being indexed by ${f.indexedBy}` : '') +
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
  lines.push(
    ...problemLines(status.problems, 'failed', 'Failed files'),
    ...problemLines(status.problems, 'skipped', 'Skipped files'),
    ...problemLines(status.problems, 'indexed', 'Indexed with pages left out'),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Problems grouped by code, so what to do is said once per kind of problem, with the files it concerns under
 * it: a folder with 5,000 unsupported files and one encrypted PDF must still show the PDF.
 */
function problemLines(problems: EngineStatus['problems'], kind: EngineStatus['problems'][number]['status'], title: string): string[] {
  const byCode = new Map<string, EngineStatus['problems']>();
  for (const problem of problems) {
    if (problem.status !== kind) continue;
    const group = byCode.get(problem.code);
    if (group) group.push(problem);
    else byCode.set(problem.code, [problem]);
  }
  if (byCode.size === 0) return [];
  const total = [...byCode.values()].reduce((sum, group) => sum + group.length, 0);
  const lines = ['', `${title} (${total}):`];
  for (const [code, group] of [...byCode].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    lines.push(`  ${code}, ${group.length} ${group.length === 1 ? 'file' : 'files'}: ${errorAction(code as ErrorCode)}`);
    for (const problem of group.slice(0, MAX_FILES_PER_CODE)) lines.push(`    ${problem.path} — ${problem.message.replace(/\.$/, '')}`);
    if (group.length > MAX_FILES_PER_CODE) lines.push(`    …and ${group.length - MAX_FILES_PER_CODE} more (trove status --json)`);
  }
  return lines;
}
