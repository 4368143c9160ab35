/**
 * Words written together or apart: people ask about a "timezone" in a manual that says "time zone", how to
 * "back up" a box whose manual has a page on "Backups", how to "log in" where the text says "login". BM25
 * matches terms exactly, so each of these misses the page that answers.
 *
 * For every two neighbouring words of the query, their joined form is searched too when the index holds it as
 * a term ("back up" → "backup"); for a query word, its split into two words is searched as a phrase when the
 * index rarely holds the word but holds the phrase more often ("throwaway" → "throw away"). Both are checked against
 * this index, so a variant is only added when the documents spell the thing that way; nothing comes from a
 * dictionary, and it works the same in any language whose words are written with spaces.
 */
import { anyTermMatch, queryTerms, singleTermIn } from './analyze.ts';

/** The part of the index's search queries the variants are checked against. */
export interface TermPresence {
  matchCountUpTo(match: string, cap: number): number;
}

/**
 * Only a word the index holds in fewer chunks than this is tried split: one the documents write as the query
 * does is found as it is. It also bounds the cost: each split is a phrase lookup.
 */
const SPLIT_BELOW_CHUNKS = 3;
/** A split phrase's chunks are counted up to this many, to pick the most used of two splits. */
const PHRASE_COUNT_CAP = 100;
/** Both halves of a split word must be this long: shorter pieces ("a", "in", "re") split almost anything. */
const MIN_PART_LENGTH = 3;
/** Each of two joined words must be this long: "a way" is not "away", nor "I'd" the word "id". */
const MIN_JOINED_LENGTH = 2;
/** Words with their inner apostrophes ("I'd", "don't"), which are neither joined nor split. */
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
const APOSTROPHE = /['’]/;

/**
 * Terms (single terms, or two-term phrases with a space) to search with the query's own terms; none of them is
 * already one of the query's terms (`queryOwnTerms`, when the caller has them). Each is quoted by anyTermMatch, which makes a two-term one an FTS5 phrase.
 */
export function compoundVariants(query: string, index: TermPresence, queryOwnTerms: readonly string[] = queryTerms(query)): string[] {
  const own = new Set(queryOwnTerms);
  const variants = new Set<string>();
  const add = (variant: string | undefined) => {
    if (variant !== undefined && !own.has(variant)) variants.add(variant);
  };
  for (const term of joinedTerms(query)) if (index.matchCountUpTo(anyTermMatch([term]), 1) > 0) add(term);
  for (const word of new Set(wordsOf(query))) add(split(query, word, index));
  return [...variants];
}

/**
 * The terms of the query's neighbouring words written as one ("back up" → "backup"), whether or not an index
 * holds them: the caller keeps those its index does (an index without word positions can look up these, not splits).
 */
export function joinedTerms(query: string): string[] {
  const words = wordsOf(query);
  const terms = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) {
    const first = words[i] ?? '';
    const second = words[i + 1] ?? '';
    if (first.length < MIN_JOINED_LENGTH || second.length < MIN_JOINED_LENGTH) continue;
    const term = singleTermIn(query, first + second);
    if (term !== undefined) terms.add(term);
  }
  return [...terms];
}

/** The query's lower-case words in order; a word with an apostrophe is '' (neither joined nor split). */
function wordsOf(query: string): string[] {
  return Array.from(query.toLowerCase().matchAll(WORD), (match) => match[0]).map((word) => (APOSTROPHE.test(word) ? '' : word));
}

/**
 * The two-term phrase that `word`, which the index rarely or never holds, splits into and the index holds
 * more often than the word: the documents spell it apart.
 */
function split(query: string, word: string, index: TermPresence): string | undefined {
  if (word.length < 2 * MIN_PART_LENGTH) return undefined;
  const whole = singleTermIn(query, word);
  if (whole === undefined) return undefined;
  const wholeCount = index.matchCountUpTo(`"${whole}"`, SPLIT_BELOW_CHUNKS);
  if (wholeCount >= SPLIT_BELOW_CHUNKS) return undefined;
  let best: { phrase: string; count: number } | undefined;
  for (let cut = MIN_PART_LENGTH; cut <= word.length - MIN_PART_LENGTH; cut++) {
    const first = singleTermIn(query, word.slice(0, cut));
    const second = singleTermIn(query, word.slice(cut));
    if (first === undefined || second === undefined) continue;
    const phrase = `${first} ${second}`;
    const count = index.matchCountUpTo(`"${phrase}"`, PHRASE_COUNT_CAP);
    if (count > wholeCount && (best === undefined || count > best.count)) best = { phrase, count };
  }
  return best?.phrase;
}
