/**
 * Whether what the index holds for a file still matches the disk. An answer citing a file that was edited (or
 * deleted) since it was indexed must not trust its passages; comparing stat facts with the stored ones costs no read.
 */
import { stat } from 'node:fs/promises';
import type { DocumentState } from '../ports.ts';

export interface Freshness {
  /** When the file's current index entry was written (ms since the epoch). */
  readonly indexedAt: number;
  /** The file's size or mtime differs from the indexed one, or the file is gone. */
  readonly changedOnDisk: boolean;
}

export interface FreshnessInput {
  readonly path: string;
  readonly indexedAt: number;
}

/** The stat facts the index stored for a file (undefined: the index holds nothing for it). */
export type StoredFacts = Pick<DocumentState, 'size' | 'mtimeMs'> | undefined;

/** How a file on disk compares with its index entry: the same, changed (with its size now), or gone. */
export type DiskChange = { readonly kind: 'unchanged' } | { readonly kind: 'changed'; readonly size: number } | { readonly kind: 'gone' };

/** One entry per hit, in order; each distinct file is looked up and stat'ed once. */
export async function checkFreshness(
  hits: readonly FreshnessInput[],
  storedState: (path: string) => StoredFacts | Promise<StoredFacts>,
): Promise<Freshness[]> {
  const changed = new Map<string, Promise<DiskChange>>();
  for (const hit of hits) {
    if (!changed.has(hit.path)) changed.set(hit.path, (async () => diskChange(hit.path, await storedState(hit.path)))());
  }
  return Promise.all(
    hits.map(async (hit) => ({ indexedAt: hit.indexedAt, changedOnDisk: (await (changed.get(hit.path) as Promise<DiskChange>)).kind !== 'unchanged' })),
  );
}

/** Compares one file's size and mtime with what the index stored; a file the index no longer knows counts as changed. */
export async function diskChange(path: string, stored: StoredFacts): Promise<DiskChange> {
  let stats;
  try {
    stats = await stat(path);
  } catch {
    return { kind: 'gone' };
  }
  if (!stats.isFile()) return { kind: 'gone' };
  if (stored && stats.size === stored.size && Math.trunc(stats.mtimeMs) === stored.mtimeMs) return { kind: 'unchanged' };
  return { kind: 'changed', size: stats.size };
}
