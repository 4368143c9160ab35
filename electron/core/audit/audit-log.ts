/**
 * The audit log: every answer is recorded locally (never sent anywhere) with the question, the model and its
 * adapters, the passages given to the model (ids, places and sha256 of their text) and the citations, so a
 * user can check afterwards what an answer was based on. On by default; `trove audit off` stops it.
 */
import type { AskResult } from '../answer/types.ts';
import { TroveError } from '../errors.ts';
import { numberedSourceOf } from '../types.ts';
import type { AuditRecord } from '../store/sqlite/audit-repository.ts';
import type { MetaTable } from '../store/sqlite/meta-table.ts';
import { SETTING_KEYS } from '../settings-keys.ts';

const AUDIT_KEY = SETTING_KEYS.auditLog;

export function isAuditEnabled(meta: Pick<MetaTable, 'get'>): boolean {
  return meta.get(AUDIT_KEY) !== 'off';
}

export function setAuditEnabled(meta: Pick<MetaTable, 'set'>, enabled: boolean): void {
  meta.set(AUDIT_KEY, enabled ? 'on' : 'off');
}

/** What gets logged for one answer. */
export function auditRecord(question: string, result: AskResult, at: number): AuditRecord {
  return {
    at,
    question,
    kind: result.kind,
    model: result.model,
    adapters: result.adapters.map((a) => ({ path: a.path, scale: a.scale })),
    retrieval: { mode: result.retrieval.mode, k: result.retrieval.k, ...(result.retrieval.reranker ? { reranker: result.retrieval.reranker } : {}) },
    chunks: result.sources.map((s) => ({
      ...numberedSourceOf(s),
      sha256: s.textSha256 ?? '',
    })),
    citations: result.citations.map((c) => c.n),
    removedCitations: result.removedCitations,
    aborted: result.aborted,
  };
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `--since`: an ISO date/time ("2026-01-31", "2026-01-31T12:00Z") or a duration back from now ("7d", "12h", "30m", "2w"). */
export function parseSince(value: string, now: number): number {
  const relative = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
  if (relative) return now - Number(relative[1]) * (UNIT_MS[(relative[2] as string).toLowerCase()] as number);
  const time = /^\d{4}-\d{2}-\d{2}/.test(value.trim()) ? Date.parse(value.trim()) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new TroveError('INVALID_ARGUMENT', `--since ${value} is not a date (2026-01-31) or a duration (7d, 12h, 30m, 2w)`);
  }
  return time;
}
