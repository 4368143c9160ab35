/**
 * The everyday word for a thing where manuals use another: people keep files in "folders", Unix manuals in
 * "directories"; they paste a "photo", the manual speaks of an "image". Each is tried only for a word the index
 * does not hold, and only when the index holds the other (respellings.ts), so a manual that says "folder" is
 * searched as it is. Deliberately few: only pairs that name the same thing in any manual, both ways.
 */

const PAIRS: readonly (readonly [string, string])[] = [
  ['folder', 'directory'],
  ['folders', 'directories'],
  ['subfolder', 'subdirectory'],
  ['subfolders', 'subdirectories'],
  ['photo', 'image'],
  ['photos', 'images'],
];

const OTHER = new Map(PAIRS.flatMap(([a, b]) => [[a, b], [b, a]] as const));

/** The other word for the same thing, for a lower-case `word`; none for most words. */
export function plainWordFor(word: string): readonly string[] {
  const other = OTHER.get(word);
  return other ? [other] : [];
}
