/**
 * Stop words of the languages the analyser handles, folded exactly as the analyser folds words (fold.ts), and
 * decided on the word as written, before stemming: "are" is a stop word, whatever its stem ("ar") would be.
 * Which lists apply to a given text is decided in stop-language.ts.
 */
import { foldCase } from './fold.ts';
import { DUTCH_STOP_LIST } from './stop-lists/dutch.ts';
import { ENGLISH_STOP_LIST } from './stop-lists/english.ts';
import { FRENCH_STOP_LIST } from './stop-lists/french.ts';
import { GERMAN_STOP_LIST } from './stop-lists/german.ts';
import { ITALIAN_STOP_LIST } from './stop-lists/italian.ts';
import { PORTUGUESE_STOP_LIST } from './stop-lists/portuguese.ts';
import { RUSSIAN_STOP_LIST } from './stop-lists/russian.ts';
import { SPANISH_STOP_LIST } from './stop-lists/spanish.ts';

/** English first: its bit (1) is in every mask of lists to apply. */
export const STOP_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'ru'] as const;
export type StopLanguage = (typeof STOP_LANGUAGES)[number];

export const ENGLISH_BIT = 1;

/** The bit that stands for `language` in a mask of stop lists. */
export function languageBit(language: StopLanguage): number {
  return 1 << STOP_LANGUAGES.indexOf(language);
}

/** Each language's stop words, folded. */
export const STOP_WORDS: Readonly<Record<StopLanguage, ReadonlySet<string>>> = {
  en: foldedWords(ENGLISH_STOP_LIST),
  de: foldedWords(GERMAN_STOP_LIST),
  fr: foldedWords(FRENCH_STOP_LIST),
  es: foldedWords(SPANISH_STOP_LIST),
  it: foldedWords(ITALIAN_STOP_LIST),
  pt: foldedWords(PORTUGUESE_STOP_LIST),
  nl: foldedWords(DUTCH_STOP_LIST),
  ru: foldedWords(RUSSIAN_STOP_LIST),
};

/** For each stop word, the mask of the languages whose list holds it: one lookup per word while analysing. */
export const STOPWORD_LANGUAGES: ReadonlyMap<string, number> = buildMasks();

/** The longest stop word: a longer word is no stop word, without a lookup. */
export const LONGEST_STOPWORD = Math.max(...[...STOPWORD_LANGUAGES.keys()].map((word) => word.length));

/** The English stop words, folded and unstemmed. analyze() already drops them: terms need no second filter. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = STOP_WORDS.en;

/**
 * One-letter English clitics ("don't", "it's", "I'd", "I'm"): stop words only right after an apostrophe, since
 * alone they name things ("T cells", "vitamin D").
 */
export const ENGLISH_CLITICS: ReadonlySet<string> = new Set(['t', 's', 'd', 'm']);

function foldedWords(list: string): ReadonlySet<string> {
  return new Set(foldCase(list).split(/\s+/).filter(Boolean));
}

function buildMasks(): Map<string, number> {
  const masks = new Map<string, number>();
  for (const language of STOP_LANGUAGES) {
    const bit = languageBit(language);
    for (const word of STOP_WORDS[language]) masks.set(word, (masks.get(word) ?? 0) | bit);
  }
  return masks;
}
