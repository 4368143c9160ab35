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
import type { ChunkHit } from '../ports.ts';

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
  const kept: { hit: T; size: number; copies: PassageCopy[] }[] = [];
  // Which kept passages hold each word triple, and each kept text: a candidate is compared with the passages it
  // shares triples with, not with every kept one (a 100-deep search would otherwise compare ~5,000 pairs).
  const holders = new Map<string, number[]>();
  const byText = new Map<string, number>();
  for (const hit of hits) {
    const text = normalized(hit.text);
    const shingles = shinglesOf(text);
    const original = firstOriginal(text, shingles, kept, holders, byText);
    if (original !== undefined) {
      original.copies.push({ path: hit.path, startLine: hit.startLine, endLine: hit.endLine, page: hit.page });
    } else if (kept.length < limit) {
      const index = kept.push({ hit, size: shingles.size, copies: [] }) - 1;
      byText.set(text, index);
      for (const shingle of shingles) {
        const list = holders.get(shingle);
        if (list) list.push(index);
        else holders.set(shingle, [index]);
      }
    }
  }
  return kept.map(({ hit, copies }) => ({ ...hit, alsoIn: copies }));
}

/** The first kept passage (best ranked) that `text` is a copy of, if any. */
function firstOriginal<K extends { size: number }>(text: string, shingles: Set<string>, kept: readonly K[], holders: ReadonlyMap<string, number[]>, byText: ReadonlyMap<string, number>): K | undefined {
  const shared = new Map<number, number>();
  for (const shingle of shingles) for (const index of holders.get(shingle) ?? []) shared.set(index, (shared.get(index) ?? 0) + 1);
  let first = byText.get(text);
  for (const [index, count] of shared) {
    const small = Math.min(shingles.size, (kept[index] as K).size);
    if (small >= MIN_SHINGLES && count / small >= DUPLICATE_CONTAINMENT && (first === undefined || index < first)) first = index;
  }
  return first === undefined ? undefined : kept[first];
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
