/**
 * `trove audit [on|off] [--since <date|7d>] [--json]`: exports the local log of answers (question, model,
 * adapters, the passages given with their sha256, the citations), or turns logging on or off.
 */
import { isAuditEnabled, parseSince, setAuditEnabled } from '../../core/audit/audit-log.ts';
import { TroveError } from '../../core/errors.ts';
import type { AuditEntry } from '../../core/store/sqlite/audit-repository.ts';
import { printJson, withEngine, type GlobalOptions } from './open.ts';

interface AuditOptions extends GlobalOptions {
  readonly since?: string;
}

export async function runAudit(state: string | undefined, options: AuditOptions): Promise<void> {
  if (state !== undefined && state !== 'on' && state !== 'off') {
    throw new TroveError('INVALID_ARGUMENT', `trove audit takes on or off, not ${state}`);
  }
  const since = options.since === undefined ? 0 : parseSince(options.since, Date.now());
  await withEngine({ ...options, sharedStore: 'local-only' }, async (engine) => {
    const meta = engine.settings;
    const { audit } = engine.store;
    if (state !== undefined) {
      setAuditEnabled(meta, state === 'on');
      if (options.json) printJson({ enabled: state === 'on' });
      else process.stdout.write(state === 'on' ? 'Audit log on: every answer is recorded in the local index.\n' : 'Audit log off: answers are no longer recorded (the existing log is kept).\n');
      return;
    }
    const entries = audit.list(since);
    if (options.json) {
      printJson({ enabled: isAuditEnabled(meta), entries: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })) });
      return;
    }
    const header = `Audit log ${isAuditEnabled(meta) ? 'on' : 'off'}; ${entries.length} ${entries.length === 1 ? 'answer' : 'answers'}${options.since ? ` since ${new Date(since).toISOString()}` : ''}\n`;
    process.stdout.write(header + entries.map(formatEntry).join(''));
  });
}

function formatEntry(entry: AuditEntry): string {
  const adapters = entry.adapters.map((a) => `${a.path}:${a.scale}`).join(', ');
  const lines = [
    '',
    `${new Date(entry.at).toISOString()}  ${entry.kind}${entry.aborted ? ' (stopped)' : ''}  model: ${entry.model ?? 'none'}${adapters ? `  adapters: ${adapters}` : ''}  retrieval: ${entry.retrieval.mode}`,
    `  question: ${entry.question}`,
    ...entry.chunks.map((c) => `  [${c.n}]${entry.citations.includes(c.n) ? '*' : ' '} ${c.path}:${c.startLine}-${c.endLine}${c.page !== null ? ` page ${c.page}` : ''}  chunk ${c.chunkId}  sha256 ${c.sha256}`),
  ];
  if (entry.removedCitations > 0) lines.push(`  ${entry.removedCitations} citation(s) of sources not given were removed`);
  return `${lines.join('\n')}\n`;
}
