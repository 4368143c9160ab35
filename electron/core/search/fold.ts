/**
 * The case and accent folding the analyser applies before it splits words: NFKC (full-width forms,
 * ligatures), lower case, and Latin/Greek/Cyrillic accents removed (é → e, й → и). Stop lists go through the
 * same folding, so a stop word and every spelling that folds to it are the same word.
 */
const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;

export function foldCase(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(COMBINING_DIACRITICS, '').normalize('NFC');
}
