/**
 * Focused passages: the parts of a retrieved chunk that bear on the question, with the exact lines they sit on.
 *
 * A chunk is ~400 tokens, most of it usually about something else; giving the model only what matches makes
 * the prompt several times smaller, so the first token comes sooner, and points it at the right sentences.
 * The chunk is split into units (sentences; lines of code, tables and lists: passage-units.ts), each unit is
 * scored by the question's content terms it holds (weighted by rarity when weights are given), and windows of
 * the best unit with one neighbour on each side are kept, best first, each adding terms the kept text did not
 * have yet, while they fit the per-source token cap. Windows are put back in document order and joined by
 * " … ".
 *
 * Lines: the chunker lays text-like chunks out line for line (chunker.ts: text line i is source line
 * startLine + i, blocks joined by as many line breaks as in the source), so the kept ranges map to exact
 * source lines (PDF: lines of the page, the page is kept). HTML and CSV blocks are rewritten onto fewer lines
 * than their source, so their passages keep the chunk's whole span: wider than what was kept, never narrower.
 */
import { estimateTokens } from '../chunk/estimate-tokens.ts';
import { wordRanges, type TextRange } from '../chunk/text-ranges.ts';
import { detectFormat } from '../extract/formats.ts';
import { analyze } from '../search/analyze.ts';
import type { DocFormat } from '../types.ts';
import { passageUnits, type UnitLayout } from './passage-units.ts';

/** What focusing needs of a search hit. */
export interface FocusableHit {
  readonly path: string;
  readonly text: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly page: number | null;
}

export interface FocusedPassage {
  /** The kept parts, in document order, joined by " … ". The whole chunk's text when nothing was left out. */
  readonly text: string;
  /** Source lines of what was kept (first kept character to last), inclusive; for PDF, lines of the page. */
  readonly startLine: number;
  readonly endLine: number;
  readonly page: number | null;
  /** The kept parts as [start, end) offsets into the chunk's text, in order. */
  readonly ranges: readonly TextRange[];
  /** False when the whole chunk was kept (it is short, or most of it matches). */
  readonly focused: boolean;
}

export interface FocusOptions {
  /** Most tokens the kept text of one source may take (by `countTokens`). Default DEFAULT_FOCUS_TOKENS. */
  readonly maxTokens?: number;
  /** How much a query term counts; 1 for every term when not given. See `rarityWeights`. */
  readonly termWeight?: (term: string) => number;
  readonly countTokens?: (text: string) => number;
  /** Chunks of at most this many tokens are kept whole: cutting them saves too little. Default WHOLE_UP_TO_TOKENS. */
  readonly wholeUpTo?: number;
}

/**
 * ~120 tokens: the best sentence with its neighbours (~75 tokens of prose) and room for a short second window
 * on another of the question's terms; eight sources then take ~1,000 tokens instead of ~3,000 (on two real
 * manuals, 96–99% of the question terms that a whole chunk held stay in its focused passage: bench
 * scripts/bench/focus-tokens.ts).
 */
export const DEFAULT_FOCUS_TOKENS = 120;
/** Two or three sentences: the best window would be most of it. */
export const WHOLE_UP_TO_TOKENS = 60;
/** Keeping this share of a chunk or more saves too little to be worth cutting it up. */
const WHOLE_CHUNK_SHARE = 0.8;
export const GAP_MARK = ' … ';

/** Formats whose chunk text is not laid out on the source's lines (see the file comment). */
const LINES_NOT_EXACT: ReadonlySet<DocFormat> = new Set(['html', 'csv', 'spreadsheet']);
/** Formats read line by line rather than in sentences. */
const LINE_UNITS: ReadonlySet<DocFormat> = new Set(['code', 'json', 'csv', 'spreadsheet']);

export function focusPassage(queryTerms: readonly string[], hit: FocusableHit, options: FocusOptions = {}): FocusedPassage {
  const maxTokens = options.maxTokens ?? DEFAULT_FOCUS_TOKENS;
  const countTokens = options.countTokens ?? estimateTokens;
  const weight = options.termWeight ?? (() => 1);
  const format = detectFormat(hit.path);
  const text = hit.text;
  const whole = wholePassage(hit);
  const wholeTokens = countTokens(text);
  if (wholeTokens <= (options.wholeUpTo ?? WHOLE_UP_TO_TOKENS)) return whole;

  const layout: UnitLayout = format && LINE_UNITS.has(format) ? 'lines' : 'prose';
  const units = passageUnits(text, layout).map((range) => scoreUnit(text, range, queryTerms, weight));
  if (units.length === 0) return whole;
  const ranges = selectRanges(text, units, maxTokens, countTokens, new Set(queryTerms), weight);
  const kept = ranges.map((r) => text.slice(r.start, r.end));
  if (countTokens(kept.join(GAP_MARK)) >= wholeTokens * WHOLE_CHUNK_SHARE) return whole;

  const first = ranges[0] as TextRange;
  const last = ranges[ranges.length - 1] as TextRange;
  const lines = format && LINES_NOT_EXACT.has(format) ? undefined : sourceLinesOf(hit, first.start, last.end);
  return {
    text: kept.join(GAP_MARK),
    startLine: lines?.startLine ?? hit.startLine,
    endLine: lines?.endLine ?? hit.endLine,
    page: hit.page,
    ranges,
    focused: true,
  };
}

/**
 * Term weights from document frequencies: an inverse document frequency normalised so that a term in every
 * document still counts 1 and a term in one of N counts 1 + ln N. `documents` are the texts to count in
 * (the candidate passages of an answer, when no index-wide counts are at hand).
 */
export function rarityWeights(queryTerms: readonly string[], documents: readonly string[]): (term: string) => number {
  const wanted = new Set(queryTerms);
  const frequency = new Map<string, number>();
  for (const document of documents) {
    for (const term of new Set(analyze(document))) {
      if (wanted.has(term)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    }
  }
  const total = Math.max(1, documents.length);
  return (term) => 1 + Math.log(total / Math.max(1, frequency.get(term) ?? 0));
}

function wholePassage(hit: FocusableHit): FocusedPassage {
  return { text: hit.text, startLine: hit.startLine, endLine: hit.endLine, page: hit.page, ranges: [{ start: 0, end: hit.text.length }], focused: false };
}

interface ScoredUnit extends TextRange {
  /** The query terms the unit holds. */
  readonly terms: ReadonlySet<string>;
  readonly score: number;
}

function scoreUnit(text: string, range: TextRange, queryTerms: readonly string[], weight: (term: string) => number): ScoredUnit {
  const present = new Set(analyze(text.slice(range.start, range.end)));
  const terms = new Set(queryTerms.filter((term) => present.has(term)));
  let score = 0;
  for (const term of terms) score += weight(term);
  return { ...range, terms, score };
}

/**
 * Greedy choice of windows: the unit bringing the most weight of not-yet-covered terms (ties: the higher total,
 * then the earlier) with its neighbours if they fit, else alone; the first choice is kept even if it alone
 * exceeds the cap (cut to the words around its first match). Stops when no unit adds a term.
 */
function selectRanges(
  text: string,
  units: readonly ScoredUnit[],
  maxTokens: number,
  countTokens: (text: string) => number,
  queryTerms: ReadonlySet<string>,
  weight: (term: string) => number,
): TextRange[] {
  const chosen = new Set<number>();
  const covered = new Set<string>();
  const cost = (indexes: ReadonlySet<number>): number => countTokens(rangesOf(text, units, indexes).map((r) => text.slice(r.start, r.end)).join(GAP_MARK));
  const tried = new Set<number>();
  for (;;) {
    const best = bestUnit(units, chosen, tried, covered, weight);
    if (best === undefined) break;
    tried.add(best);
    const window = new Set([...chosen, best, best - 1, best + 1].filter((i) => i >= 0 && i < units.length));
    const alone = new Set([...chosen, best]);
    const fitting = cost(window) <= maxTokens ? window : cost(alone) <= maxTokens ? alone : undefined;
    if (fitting) {
      for (const i of fitting) chosen.add(i);
      for (const term of (units[best] as ScoredUnit).terms) covered.add(term);
    } else if (chosen.size === 0) {
      return [wordsAround(text, units[best] as ScoredUnit, queryTerms, maxTokens, countTokens)];
    }
  }
  if (chosen.size === 0) return [leadingUnits(text, units, maxTokens, countTokens)];
  return rangesOf(text, units, chosen);
}

function bestUnit(
  units: readonly ScoredUnit[],
  chosen: ReadonlySet<number>,
  tried: ReadonlySet<number>,
  covered: ReadonlySet<string>,
  weight: (term: string) => number,
): number | undefined {
  let best: number | undefined;
  let bestGain = 0;
  let bestScore = 0;
  units.forEach((unit, index) => {
    if (chosen.has(index) || tried.has(index)) return;
    let gain = 0;
    for (const term of unit.terms) if (!covered.has(term)) gain += weight(term);
    if (gain > bestGain || (gain === bestGain && gain > 0 && unit.score > bestScore)) {
      best = index;
      bestGain = gain;
      bestScore = unit.score;
    }
  });
  return best;
}

/** The chosen units as ranges of the text, neighbours merged into one range. */
function rangesOf(text: string, units: readonly ScoredUnit[], chosen: ReadonlySet<number>): TextRange[] {
  const out: Array<{ start: number; end: number }> = [];
  let previous = -2;
  for (const index of [...chosen].sort((a, b) => a - b)) {
    const unit = units[index] as ScoredUnit;
    const last = out[out.length - 1];
    if (last && index === previous + 1) last.end = unit.end;
    else out.push({ start: unit.start, end: unit.end });
    previous = index;
  }
  return out;
}

/** A unit too long for the cap: the words around its first matching word, as many as fit. */
function wordsAround(text: string, unit: ScoredUnit, queryTerms: ReadonlySet<string>, maxTokens: number, countTokens: (text: string) => number): TextRange {
  const words = wordRanges(text, unit.start, unit.end);
  const hit = Math.max(0, words.findIndex((w) => analyze(text.slice(w.start, w.end)).some((term) => queryTerms.has(term))));
  let from = hit;
  let to = hit;
  const fits = (a: number, b: number): boolean => countTokens(text.slice((words[a] as TextRange).start, (words[b] as TextRange).end)) <= maxTokens;
  for (let grew = true; grew; ) {
    grew = false;
    if (to + 1 < words.length && fits(from, to + 1)) {
      to++;
      grew = true;
    }
    if (from > 0 && fits(from - 1, to)) {
      from--;
      grew = true;
    }
  }
  return { start: (words[from] as TextRange).start, end: (words[to] as TextRange).end };
}

/** No unit holds a query term (a passage found by meaning): its beginning, as many whole units as fit. */
function leadingUnits(text: string, units: readonly ScoredUnit[], maxTokens: number, countTokens: (text: string) => number): TextRange {
  const first = units[0] as ScoredUnit;
  let end = first.end;
  for (const unit of units.slice(1)) {
    if (countTokens(text.slice(first.start, unit.end)) > maxTokens) break;
    end = unit.end;
  }
  return { start: first.start, end };
}

/** Source lines of text[start, end) of a chunk laid out line for line; undefined when it is not. */
export function sourceLinesOf(hit: FocusableHit, start: number, end: number): { startLine: number; endLine: number } | undefined {
  const textLines = countLineBreaks(hit.text, 0, hit.text.length) + 1;
  if (textLines > hit.endLine - hit.startLine + 1) return undefined;
  const startLine = hit.startLine + countLineBreaks(hit.text, 0, start);
  const endLine = hit.startLine + countLineBreaks(hit.text, 0, Math.max(start, end - 1));
  return { startLine, endLine: Math.min(endLine, hit.endLine) };
}

function countLineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
