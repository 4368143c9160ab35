/**
 * British and American spellings of one word: "colour" and "color", "optimise" and "optimize", "centre" and
 * "center", "cancelled" and "canceled", "licence" and "license". Staff ask in their own spelling; manuals are
 * written in the other one as often as not, and a stemmer keeps the difference ("optimis" against "optim"), so
 * BM25 misses the page and the relevance gate counts the asker's word as one the documents never use.
 *
 * The rules below only propose spellings. A query word is respelled when the index does not hold it and does
 * hold the other spelling (checked by the caller against this index, as compound-variants.ts does), so a rule
 * that proposes nonsense ("user" → "usre") costs a look-up and changes nothing.
 */
import { longForms } from './abbreviations.ts';
import { plainWordFor } from './plain-words.ts';
import { singleTermIn } from './analyze.ts';

/** Suffix rules, each tried in both directions: [British, American] as regular-expression parts. */
const SUFFIX_RULES: readonly (readonly [RegExp, string, RegExp, string])[] = [
  // colour, behaviour, favourite, honourable ↔ color, behavior, favorite, honorable
  [/(\p{L}{2})our(s|ed|ing|ful|fully|less|able|ably|ite|ites|er|ers)?$/u, '$1or$2', /(\p{L}[^aeou\P{L}])or(s|ed|ing|ful|fully|less|able|ably|ite|ites|er|ers)?$/u, '$1our$2'],
  // optimise, organisation, initialised ↔ optimize, organization, initialized
  [/(\p{L}{3})is(e|es|ed|ing|er|ers|ation|ations|able)$/u, '$1iz$2', /(\p{L}{3})iz(e|es|ed|ing|er|ers|ation|ations|able)$/u, '$1is$2'],
  // analyse, catalysed ↔ analyze, catalyzed
  [/(\p{L}{2})ys(e|es|ed|ing|er|ers)$/u, '$1yz$2', /(\p{L}{2})yz(e|es|ed|ing|er|ers)$/u, '$1ys$2'],
  // centre, metres, fibre ↔ center, meters, fiber
  [/(\p{L}[^aeiou\P{L}])re(s|d)?$/u, '$1er$2', /(\p{L}[^aeiou\P{L}])er(s|ed)?$/u, '$1re$2'],
  // catalogue, dialogues ↔ catalog, dialogs
  [/(\p{L}{2})ogue(s|d)?$/u, '$1og$2', /(\p{L}{2})og(s|ed)?$/u, '$1ogue$2'],
  // licence, defence ↔ license, defense
  [/(\p{L}{2})ence(s)?$/u, '$1ense$2', /(\p{L}{2})ense(s)?$/u, '$1ence$2'],
  // cancelled, travelling, labeller ↔ canceled, traveling, labeler
  [/(\p{L}[aeiou])ll(ed|ing|er|ers)$/u, '$1l$2', /(\p{L}[aeiou])l(ed|ing|er|ers)$/u, '$1ll$2'],
  // judgement, acknowledgements ↔ judgment, acknowledgments
  [/(\p{L}{2})dgement(s)?$/u, '$1dgment$2', /(\p{L}{2})dgment(s)?$/u, '$1dgement$2'],
  // programme ↔ program
  [/(\p{L}{3})mme(s)?$/u, '$1m$2', /(\p{L}{3}[^m])m(s)?$/u, '$1mme$2'],
];

/** Whole words the rules do not reach, [British, American]. */
const WORD_PAIRS: readonly (readonly [string, string])[] = [
  ['grey', 'gray'], ['tyre', 'tire'], ['cheque', 'check'], ['plough', 'plow'], ['mould', 'mold'], ['kerb', 'curb'],
  ['aluminium', 'aluminum'], ['sceptical', 'skeptical'], ['draught', 'draft'], ['ageing', 'aging'], ['enrol', 'enroll'],
  ['fulfil', 'fulfill'], ['instalment', 'installment'], ['storey', 'story'], ['pyjamas', 'pajamas'], ['manoeuvre', 'maneuver'],
];

const OTHER_WORD = new Map(WORD_PAIRS.flatMap(([british, american]) => [[british, american], [american, british]] as const));

/** Other spellings of a lower-case `word` (British for American and the other way round); the word itself is not one. */
export function respellings(word: string): string[] {
  const found = new Set<string>();
  const other = OTHER_WORD.get(word);
  if (other) found.add(other);
  for (const [british, toAmerican, american, toBritish] of SUFFIX_RULES) {
    if (british.test(word)) found.add(word.replace(british, toAmerican));
    if (american.test(word)) found.add(word.replace(american, toBritish));
  }
  found.delete(word);
  return [...found];
}

const WORD = /\p{L}+/gu;

/** Other ways of writing `word`: the other side's spelling, the long form of a short one, the manual's word. */
function otherForms(word: string): string[] {
  return [...respellings(word), ...longForms(word), ...plainWordFor(word)];
}

/** The lower-case words of `query`, each once. */
function wordsOf(query: string): Set<string> {
  return new Set(Array.from(query.toLowerCase().matchAll(WORD), (match) => match[0]));
}

/** Every term `indexedRespellings` may look up for `query`: its words' and their other forms' (to fetch at once). */
export function respellingTerms(query: string): string[] {
  const terms: string[] = [];
  for (const word of wordsOf(query)) {
    const others = otherForms(word);
    if (others.length === 0) continue;
    for (const form of [word, ...others]) {
      const term = singleTermIn(query, form);
      if (term !== undefined) terms.push(term);
    }
  }
  return terms;
}

/**
 * The query's terms that this index does not hold but holds written another way — the other side's spelling,
 * the long form of a short one ("config": abbreviations.ts), or the manual's word for it ("folder" →
 * "directory": plain-words.ts) — each with that form's term (`isIndexed`
 * answers for this index). Terms the index holds as asked are left alone.
 */
export function indexedRespellings(query: string, isIndexed: (term: string) => boolean): Map<string, string> {
  const respelled = new Map<string, string>();
  for (const word of wordsOf(query)) {
    const others = otherForms(word);
    if (others.length === 0) continue;
    const term = singleTermIn(query, word);
    if (term === undefined || respelled.has(term) || isIndexed(term)) continue;
    for (const other of others) {
      const otherTerm = singleTermIn(query, other);
      if (otherTerm !== undefined && otherTerm !== term && isIndexed(otherTerm)) {
        respelled.set(term, otherTerm);
        break;
      }
    }
  }
  return respelled;
}
