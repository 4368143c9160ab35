/**
 * Which stop lists apply to one text (a chunk, a heading or a question). Applying every list everywhere is
 * wrong: German "die" and "was", Dutch "want", Spanish "con" are English content words. So English, the
 * language of most documents and of Trove's interface, always applies, and at most one other list: that of
 * the language whose stop words the text uses most, when that is clearly the text's language.
 *
 * The rule is a classic light language guess, counting stop words: a language's list applies when its words
 * make at least MIN_STOPWORD_SHARE of the text's words, at least two of them (or the only word of a one-word
 * text), and more of them than English stop words. Running prose in these languages is 35–50% stop words
 * under these lists, and terse technical text still well over 20%, so a real German or French chunk passes;
 * English text holds far more English stop words than any other list's, so it never takes another list, and
 * a short English query with one foreign stop word ("die casting") keeps that word. The count costs one
 * map lookup per word, shared with the stop-word test itself.
 */
import { ENGLISH_BIT, STOP_LANGUAGES } from './stopwords.ts';

export const MIN_STOPWORD_SHARE = 0.2;
const MIN_HITS = 2;

/** Counts a text's words and their stop-list hits, then names the lists to apply (a mask; see stopwords.ts). */
export class StopwordTally {
  private readonly hits = new Array<number>(STOP_LANGUAGES.length).fill(0);
  private words = 0;

  /** Adds one word with its stop-list mask (0 when no list holds it). */
  add(mask: number): void {
    this.words++;
    for (let language = 0; mask !== 0; language++, mask >>>= 1) {
      if (mask & 1) this.hits[language] = (this.hits[language] ?? 0) + 1;
    }
  }

  /** English, plus the other language whose stop words clearly dominate the text, if any. */
  listsToApply(): number {
    const english = this.hits[0] ?? 0;
    let best = 0;
    let bestHits = 0;
    for (let language = 1; language < this.hits.length; language++) {
      const hits = this.hits[language] ?? 0;
      if (hits > bestHits) [best, bestHits] = [language, hits];
    }
    const enough = bestHits >= MIN_STOPWORD_SHARE * this.words && bestHits >= Math.min(MIN_HITS, this.words);
    return best > 0 && enough && bestHits > english ? ENGLISH_BIT | (1 << best) : ENGLISH_BIT;
  }
}
