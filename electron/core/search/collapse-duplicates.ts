/**
 * The same passage found in several files counts once. People keep copies: a manual as separate pages and as
 * one page, the same text exported to PDF, last year's version beside this year's. Without this step, two or
 * three copies of one passage fill the top of the list, and the passages that would answer the question in
 * other words fall out of it (and out of the answer's sources).
 *
 * A candidate is a copy when most of its word triples (shingles) already occur in one passage kept above it:
 * containment over the smaller of the two, so a short passage whose text lies inside a longer one is a copy too.
 * Words are compared lower-cased and unstemmed: copies differ in layout (line breaks, hyphenation, the
 * PDF's running headers), not in wording. The kept hit lists where the copies are (`alsoIn`), so nothing found
 * is hidden, only shown once.
 */
import type { ChunkHit } from '../store/rows.ts';

/** Share of the smaller passage's word triples found in the other: at or above this, the two are copies. */
export const DUPLICATE_CONTAINMENT = 0.8;
/** Below this many word triples a passage is too short to call a copy by shingles; only equal text is. */
const MIN_SHINGLES = 8;
const WORD = /[\p{L}\p{N}]+/gu;

/** Where a copy of a kept passage is. */
export interface PassageCopy {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly page: number | null;
}

export type WithCopies<T> = T & { readonly alsoIn: readonly PassageCopy[] };

/**
 * The first `limit` distinct passages of `hits` (best first), each with the copies found below it. Hits are
 * read in order until `limit` distinct ones are kept; copies further down are still attached to their original.
 */
export function collapseDuplicates<T extends ChunkHit>(hits: readonly T[], limit: number): WithCopies<T>[] {
  const kept: { hit: T; shingles: Set<string>; text: string; copies: PassageCopy[] }[] = [];
  for (const hit of hits) {
    const text = normalized(hit.text);
    const shingles = shinglesOf(text);
    const original = kept.find((other) => isCopy(text, shingles, other.text, other.shingles));
    if (original) {
      original.copies.push({ path: hit.path, startLine: hit.startLine, endLine: hit.endLine, page: hit.page });
    } else if (kept.length < limit) {
      kept.push({ hit, shingles, text, copies: [] });
    }
  }
  return kept.map(({ hit, copies }) => ({ ...hit, alsoIn: copies }));
}

function normalized(text: string): string {
  return (text.toLowerCase().match(WORD) ?? []).join(' ');
}

function shinglesOf(words: string): Set<string> {
  const list = words === '' ? [] : words.split(' ');
  const shingles = new Set<string>();
  for (let i = 0; i + 2 < list.length; i++) shingles.add(`${list[i]} ${list[i + 1]} ${list[i + 2]}`);
  return shingles;
}

function isCopy(text: string, shingles: Set<string>, otherText: string, other: Set<string>): boolean {
  if (text === otherText) return true;
  const [small, large] = shingles.size <= other.size ? [shingles, other] : [other, shingles];
  if (small.size < MIN_SHINGLES) return false;
  let shared = 0;
  for (const shingle of small) if (large.has(shingle)) shared++;
  return shared / small.size >= DUPLICATE_CONTAINMENT;
}
