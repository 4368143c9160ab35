import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, queryTerms, toIndexedText } from '../../../electron/core/search/analyze.ts';
import { foldCase } from '../../../electron/core/search/fold.ts';
import { STOP_LANGUAGES, STOP_WORDS, STOPWORD_LANGUAGES, type StopLanguage } from '../../../electron/core/search/stopwords.ts';

const ACCENTS = ['\u0300', '\u0301', '\u0302', '\u0306', '\u0308', '\u030A', '\u0327'];

/** `word` written another way that folds back to it: letters upper-cased, accents added, full-width forms. */
function spellingOf(word: string): fc.Arbitrary<string> {
  const chars = Array.from(word);
  return fc
    .tuple(
      fc.array(fc.boolean(), { minLength: chars.length, maxLength: chars.length }),
      fc.array(fc.option(fc.constantFrom(...ACCENTS)), { minLength: chars.length, maxLength: chars.length }),
      fc.boolean(),
    )
    .map(([upper, accents, fullWidth]) => {
      const spelled = chars
        .map((char, i) => {
          const cased = upper[i] ? char.toUpperCase() : char;
          const wide = fullWidth && /^[a-zA-Z]$/.test(cased) ? String.fromCharCode(cased.charCodeAt(0) + 0xfee0) : cased;
          return wide + (accents[i] ?? '');
        })
        .join('');
      // Upper-casing can spell a word differently (ß → SS); such a spelling is another word, not a form of this one.
      return foldCase(spelled) === word ? spelled : word;
    });
}

const LETTERS: Record<string, string> = { latin: 'abcdefghijklmnopqrstuvwxyz', cyrillic: 'абвгдежзиклмнопрстуфхцчшщыэюя' };

/** Words of the language's script that no stop list holds: the content of a generated sentence. */
function contentWord(script: 'latin' | 'cyrillic'): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom(...Array.from(LETTERS[script] ?? '')), { minLength: 4, maxLength: 10 })
    .map((letters) => letters.join(''))
    .filter((word) => !STOPWORD_LANGUAGES.has(word));
}

/** Stop words that tell the language apart from English: neither English stop words nor single letters. */
function markersOf(language: StopLanguage): string[] {
  return [...STOP_WORDS[language]].filter((word) => language === 'en' || (word.length > 1 && !STOP_WORDS.en.has(word)));
}

describe('stop words', () => {
  it('hold one word each, already folded, so the analyser sees them as they are listed', () => {
    for (const language of STOP_LANGUAGES) {
      for (const word of STOP_WORDS[language]) expect(foldCase(word).match(/[\p{L}\p{N}]+/gu)).toEqual([word]);
    }
  });

  it('of every list, alone, leave a query without searchable terms', () => {
    for (const language of STOP_LANGUAGES) {
      for (const word of STOP_WORDS[language]) expect(queryTerms(word), `${language}: ${word}`).toEqual([]);
    }
  });

  it('never come out of queryTerms as content terms, in any spelling, alone or in a sentence of their language', () => {
    const alone = fc
      .constantFrom(...STOP_LANGUAGES)
      .chain((language) => fc.constantFrom(...STOP_WORDS[language]).chain(spellingOf))
      .map((word) => ({ text: word, content: [] as string[] }));
    const sentence = fc.constantFrom(...STOP_LANGUAGES).chain((language) => {
      const stopword = fc.constantFrom(...STOP_WORDS[language]).chain(spellingOf);
      const script = language === 'ru' ? 'cyrillic' : 'latin';
      return fc
        .record({
          // What makes a text recognisably of its language (stop-language.ts): two distinct stop words of it
          // that are neither English stop words nor single letters.
          markers: fc.uniqueArray(fc.constantFrom(...markersOf(language)), { minLength: 2, maxLength: 2 }),
          stopwords: fc.array(stopword, { minLength: 1, maxLength: 10 }),
        })
        .chain(({ markers, stopwords }) => {
          const all = [...markers, ...stopwords];
          return fc.record({
            stopwords: fc.constant(all),
            // Real prose in these languages is 30–50% stop words; here they are at least half the words.
            content: fc.array(contentWord(script), { maxLength: all.length }),
            separators: fc.array(fc.constantFrom(' ', ', ', '. ', '? ', ' (', ') ', '\n'), { minLength: 24, maxLength: 24 }),
          });
        })
        .chain(({ stopwords, content, separators }) =>
          fc.shuffledSubarray([...stopwords, ...content], { minLength: stopwords.length + content.length }).map((words) => ({
            text: words.map((word, i) => `${word}${separators[i % separators.length] ?? ' '}`).join(''),
            content,
          })),
        );
    });
    fc.assert(
      fc.property(fc.oneof(alone, sentence), ({ text, content }) => {
        const expected = new Set(content.flatMap((word) => queryTerms(word)));
        expect(new Set(queryTerms(text))).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('as parts of contractions, straight or curly, are not content terms', () => {
    expect(queryTerms("don't isn’t it's I’m we'll you’ve they're I'd won't can't")).toEqual([]);
  });

  it('are decided before stemming: "When are receipts due?" searches for receipts and due only', () => {
    expect(queryTerms('When are receipts due?')).toEqual([...queryTerms('receipts'), ...queryTerms('due')]);
    expect(queryTerms('When are receipts due?')).toEqual(['receipt', 'due']);
    // "was", "has", "does", "this", "is" stemmed to wa, ha, doe, thi, i before.
    expect(queryTerms('Was this what he has? Does it, is it?')).toEqual([]);
  });

  it('are not indexed', () => {
    expect(toIndexedText('Receipts go to finance within 30 days.')).toBe('receipt go financ within 30 dai');
  });

  it('of another language do not drop English content words from English text', () => {
    expect(queryTerms('The die was cast by the machine.')).toContain('die');
    expect(queryTerms('Will the con artist want his money back?')).toEqual(expect.arrayContaining(['con', 'artist', 'want']));
    expect(queryTerms('die casting')).toEqual(['die', 'cast']);
    const chunk =
      'Die casting is a metal casting process that forces molten metal into a mould cavity. The die is made of ' +
      'hardened tool steel, and the con of the process is its high tooling cost: a die can cost as much as a machine.';
    expect(analyze(chunk)).toEqual(expect.arrayContaining(['die', 'con']));
    // Abbreviations and letters that French, Italian or German lists hold are no sign of those languages.
    expect(queryTerms('IL-6 signaling plays a major role in atherosclerotic disease.')).toContain('il');
    expect(queryTerms('IL-10 production by monocytes inhibits CD4 + T cell response.')).toEqual(expect.arrayContaining(['il', 't']));
    expect(queryTerms('Leptin treatment ameliorates anxiety in ob/ob obese mice.')).toContain('ob');
  });

  it('of a text in another listed language are dropped from it', () => {
    expect(queryTerms('Die Quittungen sind an die Buchhaltung zu senden, wenn sie vorliegen.')).toEqual(
      ['quittungen', 'buchhaltung', 'senden', 'vorliegen'],
    );
    expect(queryTerms('Où est le café ?')).toEqual(['cafe']);
    expect(queryTerms('¿Cuándo se pagan los recibos?')).toEqual(['pagan', 'recibo']);
    expect(queryTerms('Как сбросить пароль для этого пользователя?')).toEqual(['сбросить', 'пароль', 'пользователя']);
  });
});
