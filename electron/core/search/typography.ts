/**
 * Text as people read it, for matching only (stored chunk text keeps the original):
 * - typographic quotes, primes, dashes and the minus sign become their ASCII forms (’ → ', “ → ", – → -,
 *   − → -), so a query typed on a keyboard matches text set by a word processor or a PDF;
 * - soft hyphens and zero-width spaces and joiners, invisible in print, are removed;
 * - a word hyphenated across a line end is joined ("configu-\nration" → "configuration"). Only a hyphen
 *   (-, ‐ or ‑) right after a letter, ending its line, before a line that starts with a lower-case letter
 *   joins: that is how typesetters break words, while a dash at a line end, or a hyphen before a capital
 *   ("Graeco-\nRoman", a list item, a name), is punctuation. A soft hyphen at a line end always joins, since
 *   it only ever marks where a word may break. A compound that was hyphenated anyway ("well-\nknown") is
 *   joined too; PDF text does not tell the two apart, and the joined form is the rarer mistake.
 */
// The letter before the hyphen is checked in code: a lookbehind makes this regex ~5x slower on every text.
const LINE_END_HYPHEN = /[-\u2010\u2011][ \t]*\r?\n[ \t]*(?=\p{Ll})/gu;
const ENDS_WITH_LETTER = /[\p{L}\p{M}]$/u;
const LINE_END_SOFT_HYPHEN = /\u00AD[ \t]*\r?\n[ \t]*/g;
const TYPOGRAPHIC = /[\u2018\u2019\u201B\u2032\u201C\u201D\u201E\u2033\u2010-\u2015\u2212\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** Any of the above: most texts hold none, and one scan that finds nothing is the cheap common case. */
const ANYTHING_TO_DO = /[\u2018\u2019\u201B\u2032\u201C\u201D\u201E\u2033\u2010-\u2015\u2212\u00AD\u200B-\u200D\u2060\uFEFF]|-[ \t]*\r?\n/;

const ASCII_FORM: Readonly<Record<string, string>> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201B': "'", // ‛
  '\u2032': "'", // ′ prime
  '\u201C': '"', // “
  '\u201D': '"', // ”
  '\u201E': '"', // „
  '\u2033': '"', // ″ double prime
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2013': '-', // en dash
  '\u2014': '-', // em dash
  '\u2015': '-', // horizontal bar
  '\u2212': '-', // minus sign
};

/** `text` with line-end hyphenation joined and typographic characters in their ASCII forms (see above). */
export function plainTypography(text: string): string {
  if (!ANYTHING_TO_DO.test(text)) return text;
  return text
    .replace(LINE_END_SOFT_HYPHEN, '')
    .replace(LINE_END_HYPHEN, (lineBreak: string, offset: number, whole: string) =>
      ENDS_WITH_LETTER.test(whole.slice(Math.max(0, offset - 2), offset)) ? '' : lineBreak,
    )
    .replace(TYPOGRAPHIC, (char) => ASCII_FORM[char] ?? '');
}
