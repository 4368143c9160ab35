/**
 * Whether what the index holds for a cited file still matches the disk. An answer citing a file that was
 * edited (or deleted) since it was indexed should say so; comparing stat facts with the stored ones costs no read.
 */
import { stat } from 'node:fs/promises';
import type { DocumentState } from '../store/rows.ts';

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

/** One entry per hit, in order; each distinct file is looked up and stat'ed once. */
export async function checkFreshness(
  hits: readonly FreshnessInput[],
  storedState: (path: string) => Pick<DocumentState, 'size' | 'mtimeMs'> | undefined,
): Promise<Freshness[]> {
  const changed = new Map<string, Promise<boolean>>();
  for (const hit of hits) {
    if (!changed.has(hit.path)) changed.set(hit.path, changedOnDisk(hit.path, storedState(hit.path)));
  }
  return Promise.all(hits.map(async (hit) => ({ indexedAt: hit.indexedAt, changedOnDisk: await (changed.get(hit.path) as Promise<boolean>) })));
}

async function changedOnDisk(path: string, stored: Pick<DocumentState, 'size' | 'mtimeMs'> | undefined): Promise<boolean> {
  if (!stored) return true; // no longer in the index at all
  try {
    const stats = await stat(path);
    return stats.size !== stored.size || Math.trunc(stats.mtimeMs) !== stored.mtimeMs;
  } catch {
    return true;
  }
}
