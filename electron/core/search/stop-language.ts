/**
 * Which stop lists apply to one text (a chunk, a heading or a question). Applying every list everywhere is
 * wrong: German "die" and "was", Dutch "want", Spanish "con", French "il" are English content words (or
 * abbreviations: IL-6, ob/ob mice). So English, the language of most documents and of Trove's interface,
 * always applies, and at most one other list: that of the language whose stop words the text uses most, when
 * that is clearly the text's language.
 *
 * The rule is a classic light language guess by counting stop words. The language's list applies when
 * - its stop words make at least MIN_STOPWORD_SHARE of the text's words, and more of them than English ones:
 *   running prose in these languages is about 30–50% stop words under these lists and terse technical text
 *   still over 20%, while English prose is 35–45% English stop words and holds only stray foreign ones;
 * - and the text holds at least MIN_EVIDENCE distinct words of that list that are neither English stop words
 *   nor single letters. Repeated abbreviations ("IL-17, IL-22, IL-23") and letters ("L cells", "CD4 + T cell")
 *   are no evidence of French or Italian; "wie … ich … das" is evidence of German.
 * A one-word text takes any list that holds its word: alone, a stop word has nothing to search for.
 * Measured on SciFact (10,366 English titles and abstracts, 1,109 queries): with this rule only its one German
 * title takes a second list (German); counting stop-word tokens alone sent 18 English titles and 2 queries to
 * French, Italian or German.
 */
import { ENGLISH_BIT, STOP_LANGUAGES } from './stopwords.ts';

export const MIN_STOPWORD_SHARE = 0.2;
export const MIN_EVIDENCE = 2;

/** Counts a text's words and their stop-list hits, then names the lists to apply (a mask; see stopwords.ts). */
export class StopwordTally {
  private readonly hits = new Array<number>(STOP_LANGUAGES.length).fill(0);
  private readonly evidence = new Array<number>(STOP_LANGUAGES.length).fill(0);
  private seen: Set<string> | undefined;
  private words = 0;

  /** Adds one word (folded) with its stop-list mask (0 when no list holds it). */
  add(word: string, mask: number): void {
    this.words++;
    if (mask === 0) return;
    countBits(mask, this.hits);
    if ((mask & ENGLISH_BIT) !== 0 || word.length < 2) return;
    this.seen ??= new Set();
    if (this.seen.has(word)) return;
    this.seen.add(word);
    countBits(mask, this.evidence);
  }

  /** English, plus the other language whose stop words clearly dominate the text, if any. */
  listsToApply(): number {
    let best = 0;
    let bestHits = 0;
    for (let language = 1; language < this.hits.length; language++) {
      const hits = this.hits[language] ?? 0;
      if (hits > bestHits) [best, bestHits] = [language, hits];
    }
    if (best === 0) return ENGLISH_BIT;
    const clear =
      this.words === 1 ||
      (bestHits >= MIN_STOPWORD_SHARE * this.words &&
        bestHits > (this.hits[0] ?? 0) &&
        (this.evidence[best] ?? 0) >= MIN_EVIDENCE);
    return clear ? ENGLISH_BIT | (1 << best) : ENGLISH_BIT;
  }
}

function countBits(mask: number, counts: number[]): void {
  for (let language = 0; mask !== 0; language++, mask >>>= 1) {
    if (mask & 1) counts[language] = (counts[language] ?? 0) + 1;
  }
}
