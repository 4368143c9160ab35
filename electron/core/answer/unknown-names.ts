/**
 * Names in a question that the index has never seen: "Docker", "Microsoft", "Google Classroom", "iPhone".
 * A question about a product, service or place that no indexed file mentions is not covered by those files,
 * however many of its other words they hold ("How do I run Docker containers on the FreedomBox?" over a
 * manual full of "run", "containers" and "FreedomBox"). Everyday words the index lacks are no such evidence:
 * answerable paraphrases are full of them ("stuck", "yesterday", "throwaway"), so only words written as names
 * count: a capital letter anywhere but at the start of a sentence ("Kodi", "OMR", "iPhone"), not "I".
 *
 * A name of several capitalised words ("Home Assistant", "Active Directory", "Time Machine") is one name: made of
 * everyday words, each may be in the files while the name is not; it is unknown when no chunk holds its words
 * side by side. Only words written like "Home" join such a name: an acronym ("PCs", "SMTP") or a word like
 * "iPhone" is a name of its own ("Windows PCs" is Windows and PCs, which a manual writes "Windows computers").
 *
 * Not applied to German text, which capitalises every noun. On the dev sets (scripts/eval/devsets,
 * docs/benchmarks.md, issue 11) no answerable question names anything the manual lacks, while 8 of the 26
 * unanswerable ones do.
 */
import { analyzeIn, isGermanText } from '../search/analyze.ts';
import type { TermStatisticsSource } from './relevance.ts';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;
/** What precedes a sentence's first word: nothing, or an end of sentence, then quotes, brackets and spaces. */
const SENTENCE_START = /(?:^|[.!?:;\n])["'“‘(\s]*$/u;
const HAS_CAPITAL = /\p{Lu}/u;
const FIRST_PERSON = /^I(?:['’](?:d|m|ll|ve))?$/u;
/** A word written like "Home": a capital, then small letters only. */
const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;

/** Port: whether any indexed chunk holds these terms side by side, in this order. */
export type PhrasePresence = (terms: readonly string[]) => boolean | Promise<boolean>;

export interface WrittenName {
  readonly surface: string;
  /** The name's index terms, in order. */
  readonly terms: string[];
}

/**
 * The question's names: each word written as a name (not at a sentence's start), and each run of two or more
 * neighbouring capitalised words ("Home Assistant") as one name of its own.
 */
export function writtenNames(question: string): WrittenName[] {
  if (isGermanText(question)) return [];
  const names: WrittenName[] = [];
  let run: { words: string[]; end: number } | undefined;
  const closeRun = () => {
    if (run && run.words.length > 1) {
      const surface = run.words.join(' ');
      const terms = analyzeIn(question, surface);
      if (terms.length > 1) names.push({ surface, terms });
    }
    run = undefined;
  };
  for (const match of question.matchAll(WORD)) {
    const surface = match[0];
    const index = match.index;
    const isName = HAS_CAPITAL.test(surface) && !FIRST_PERSON.test(surface) && !SENTENCE_START.test(question.slice(0, index));
    if (!isName) {
      closeRun();
      continue;
    }
    const terms = analyzeIn(question, surface);
    if (terms.length > 0) names.push({ surface, terms });
    if (!CAPITALISED.test(surface)) closeRun();
    else if (run && question.slice(run.end, index) === ' ') run = { words: [...run.words, surface], end: index + surface.length };
    else {
      closeRun();
      run = { words: [surface], end: index + surface.length };
    }
  }
  closeRun();
  return names;
}

/**
 * The names of `question` the index does not hold: none of a word's terms in any chunk, or a several-word name's
 * terms never side by side (`phrases`; without it, such names are judged by their words alone). Empty without
 * statistics.
 */
export async function unknownNames(question: string, statistics?: TermStatisticsSource, phrases?: PhrasePresence): Promise<string[]> {
  if (!statistics) return [];
  const names = writtenNames(question);
  if (names.length === 0) return [];
  const frequencies = statistics(names.flatMap((name) => name.terms));
  const unseen = (term: string) => (frequencies.documentFrequency.get(term) ?? 0) === 0;
  const unknown = async (name: WrittenName) => {
    if (name.terms.every(unseen)) return true;
    // A name of several words, each in the files: unknown when they are never side by side.
    return name.terms.length > 1 && phrases !== undefined && !name.terms.some(unseen) && !(await phrases(name.terms));
  };
  const verdicts = await Promise.all(names.map(unknown));
  return names.filter((_, index) => verdicts[index]).map((name) => name.surface);
}
