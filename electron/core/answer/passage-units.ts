/**
 * Splits a passage into the units a focused passage is made of: sentences of prose, and whole lines where
 * sentences do not apply (list items are split into their sentences, but table rows, code and lines of
 * code files are units of their own). Every unit is a [start, end) range of the passage's own text, trimmed,
 * so a kept unit can be cited by the lines it sits on.
 *
 * A sentence ends after . ! ? … (and closing quotes or brackets) followed by whitespace, unless what follows
 * cannot start a sentence (a lower-case word: "e.g. this", "approx. 5 m", "... and then") or the word before
 * is a known abbreviation or an initial ("Dr. Smith", "J. R. Tolkien", "Fig. 3"). Decimals ("3.14"), paths
 * and versions ("a/b.txt", "v1.2") never split, since no whitespace follows their dots. In CJK text a full
 * stop ends a sentence without a space. A short line without final punctuation followed by a line that
 * starts a sentence is a title of its own ("Install\nRun the installer.").
 */
import type { TextRange } from '../chunk/text-ranges.ts';
import { isSpaceCode, trimRange } from '../chunk/text-ranges.ts';

export type UnitLayout = 'prose' | 'lines';

/** Words that end with a full stop without ending the sentence. Compared lower-case, without the dot. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'etc', 'cf', 'ca', 'approx', 'fig', 'figs', 'eq', 'no',
  'nos', 'vol', 'vols', 'p', 'pp', 'ch', 'sec', 'sect', 'art', 'ed', 'eds', 'rev', 'dept', 'est', 'inc', 'ltd', 'co',
  'corp', 'e.g', 'i.e', 'a.m', 'p.m', 'u.s', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct',
  'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'al', 'resp', 'incl', 'min', 'max', 'ref', 'refs',
]);
/** "etc." usually does end its sentence when a capital follows; these others almost never do. */
const ENDS_SENTENCE_BEFORE_CAPITAL = new Set(['etc']);

const LIST_ITEM = /^\s*(?:[-*+•▪◦‣]|\d{1,3}[.)]|[a-zA-Z][.)])\s+\S/;
/** A table row as Markdown writes it (| a | b |), as Trove renders it (a | b), or a rule line (---|---). */
const TABLE_ROW = /^\s*\|.*\||\S \| \S|^\s*[-:|+= ]{3,}$/;
const FENCE = /^\s*(```|~~~)/;
/** A title-like line: a few words, no final punctuation. */
const MAX_TITLE_WORDS = 8;

/** The units of `text`, in order. */
export function passageUnits(text: string, layout: UnitLayout = 'prose'): TextRange[] {
  const lines = lineRangesOf(text);
  if (layout === 'lines') return lines.flatMap((line) => trimmed(text, line.start, line.end));
  const units: TextRange[] = [];
  let inFence = false;
  /** Start of the run of prose lines not yet split, or -1. */
  let runStart = -1;
  let runEnd = -1;
  const flush = (): void => {
    if (runStart >= 0) units.push(...sentenceUnits(text, runStart, runEnd));
    runStart = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const { start, end } = lines[i] as TextRange;
    const line = text.slice(start, end);
    const fence = FENCE.test(line);
    if (inFence || fence || TABLE_ROW.test(line)) {
      flush();
      units.push(...trimmed(text, start, end));
      if (fence) inFence = !inFence;
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (LIST_ITEM.test(line)) flush();
    if (runStart < 0) runStart = start;
    runEnd = end;
    // A title opens its run; a short line inside a paragraph is a wrapped line of a sentence.
    const next = lines[i + 1];
    if (runStart === start && next && isTitleBeforeSentence(line, text.slice(next.start, next.end))) flush();
  }
  flush();
  return units;
}

/** The sentences of the prose text[start, end). */
export function sentenceUnits(text: string, start: number, end: number): TextRange[] {
  const units: TextRange[] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const cjk = c === 0x3002 || c === 0xff01 || c === 0xff1f;
    if (!cjk && c !== 46 && c !== 33 && c !== 63 && c !== 0x2026) continue;
    let j = i + 1;
    while (j < end && CLOSERS.has(text.charCodeAt(j))) j++;
    if (!cjk) {
      // Runs of dots ("..."), and a dot not followed by whitespace (3.14, a/b.txt) do not end here.
      if (j >= end || !isSpaceCode(text.charCodeAt(j))) continue;
      if (c === 46 && !endsSentenceAt(text, start, i, j, end)) continue;
    }
    units.push(...trimmed(text, from, j));
    from = j;
    i = j - 1;
  }
  units.push(...trimmed(text, from, end));
  return units;
}

const CLOSERS = new Set([...'"\')]}»”’」』）'].map((ch) => ch.charCodeAt(0)));

/** Does the full stop at `dot` (closers up to `after`) end a sentence? */
function endsSentenceAt(text: string, start: number, dot: number, after: number, end: number): boolean {
  const next = nextWordStart(text, after, end);
  if (next >= end) return true;
  const following = text[next] ?? '';
  // What follows must be able to start a sentence: not a lower-case letter, not a continuation mark.
  if (/\p{Ll}/u.test(following) || /[,;:)]/.test(following)) return false;
  const word = wordBefore(text, start, dot);
  if (/^\p{Lu}$/u.test(word)) return false; // an initial: "J. Smith"
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return ENDS_SENTENCE_BEFORE_CAPITAL.has(lower) && /\p{Lu}/u.test(following);
  return true;
}

function nextWordStart(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/** The word ending at `dot` (letters and inner dots, as in "e.g"). */
function wordBefore(text: string, start: number, dot: number): string {
  let i = dot;
  while (i > start && /[\p{L}.]/u.test(text[i - 1] ?? '')) i--;
  return text.slice(i, dot).replace(/^\.+/, '');
}

function isTitleBeforeSentence(line: string, nextLine: string): boolean {
  const title = line.trim();
  if (/[.!?…:;,]$/.test(title) || title.split(/\s+/).length > MAX_TITLE_WORDS || !/^\p{Lu}/u.test(title)) return false;
  return /^\s*\p{Lu}/u.test(nextLine);
}

/** [start, end) of every line of `text` ("\n"-separated), untrimmed. */
export function lineRangesOf(text: string): TextRange[] {
  const out: TextRange[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    out.push({ start, end: i });
    start = i + 1;
  }
  out.push({ start, end: text.length });
  return out;
}

function trimmed(text: string, start: number, end: number): TextRange[] {
  const range = trimRange(text, start, end);
  return range ? [range] : [];
}
