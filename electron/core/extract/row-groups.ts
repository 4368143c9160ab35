/**
 * Tabular records (CSV rows, JSON Lines) grouped into blocks of modest size. A record's rendering has one
 * text line per source line it spans, and blank source lines between records stay blank, so a block's
 * text line i always comes from source line startLine+i.
 */
import { blockOverLines } from './block.ts';
import type { LineIndex } from './line-index.ts';
import type { TextBlock } from '../types.ts';

export interface RenderedRecord {
  readonly startLine: number;
  readonly endLine: number;
  /** The record as text; its line breaks should match the source lines it spans. */
  readonly text: string;
}

const MAX_RECORDS_PER_BLOCK = 25;
const MAX_BLOCK_CHARS = 1500;

export function groupRecords(lines: LineIndex, records: readonly RenderedRecord[]): TextBlock[] {
  return sizedGroups(records).flatMap((group) => groupBlock(lines, group) ?? []);
}

export interface GroupLimits<T> {
  /** Most of `sizeOf` a group may add up to (a single record larger than that is a group of its own). */
  readonly maxSize: number;
  readonly maxRecords: number;
  readonly sizeOf: (record: T) => number;
}

const CSV_LIMITS: GroupLimits<{ readonly text: string }> = { maxSize: MAX_BLOCK_CHARS, maxRecords: MAX_RECORDS_PER_BLOCK, sizeOf: (r) => r.text.length + 1 };

/** Consecutive records in groups within `limits` (by default at most 25 records and about 1,500 characters). */
export function sizedGroups<T extends { readonly text: string }>(records: readonly T[], limits: GroupLimits<T> = CSV_LIMITS): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let groupSize = 0;
  for (const record of records) {
    const size = limits.sizeOf(record);
    const full = group.length >= limits.maxRecords || groupSize + size > limits.maxSize;
    if (group.length > 0 && full) {
      groups.push(group);
      group = [];
      groupSize = 0;
    }
    group.push(record);
    groupSize += size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

function groupBlock(lines: LineIndex, group: readonly RenderedRecord[]): TextBlock | undefined {
  const first = group[0];
  const last = group.at(-1);
  if (!first || !last || group.every((r) => r.text.trim() === '')) return undefined;
  const rows = new Array<string>(last.endLine - first.startLine + 1).fill('');
  for (const record of group) {
    alignToSpan(record).forEach((text, i) => (rows[record.startLine - first.startLine + i] = text));
  }
  const kind = group.length === 1 ? 'row' : 'table';
  return blockOverLines(lines, first.startLine, last.endLine, { kind, text: rows.join('\n'), headingPath: [] });
}

/** The record's text lines, forced to its span length when its rendering did not keep the source's line breaks. */
function alignToSpan(record: RenderedRecord): string[] {
  const span = record.endLine - record.startLine + 1;
  const parts = record.text.split(/\r\n|\r|\n/);
  if (parts.length === span) return parts;
  return [parts.join(' '), ...new Array<string>(Math.max(0, span - 1)).fill('')];
}
