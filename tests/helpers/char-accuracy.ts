/**
 * Character accuracy of OCR against the text it should have read: 1 − CER, where CER is the edit distance
 * (insertions, deletions, substitutions) over the expected length. Whitespace runs count as one space, so line
 * breaks and spacing that OCR lays out differently do not count as errors.
 */
export function characterAccuracy(expected: string, actual: string): number {
  const want = normalise(expected);
  const got = normalise(actual);
  if (want.length === 0) return got.length === 0 ? 1 : 0;
  return Math.max(0, 1 - editDistance(want, got) / want.length);
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Levenshtein distance with two rows: O(n·m) time, O(m) memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
