/**
 * Recognising a chat model's "the sources do not answer this" reply, so the answer is reported as
 * `abstained` (the standard NOT_COVERED text, no citations) instead of as an answer.
 *
 * The prompt asks for one fixed sentence (NOT_COVERED), but small models paraphrase it, quote it, add a
 * citation or an apology. Detection therefore looks at the reply's first sentence, normalised (case, quotes,
 * markdown emphasis, curly apostrophes, contractions, citations and punctuation removed), and matches it
 * word by word against a few sentence openings: "not covered", "the (provided) documents/sources/context do
 * not cover/contain/mention …", "there is no information …", "I cannot find …", "none of the sources …",
 * "the answer is not in …", "this question is not covered …". A reply is an abstention when its first
 * sentence opens like that and nothing after it cites a source: "The documents do not say when receipts are
 * due. They say receipts go to finance within 30 days [1]." is a partial answer and stays one.
 */
import { NOT_COVERED } from './answer-text.ts';

type Slot = readonly string[] & { readonly optional?: true };

function words(list: string, optional = false): Slot {
  const slot = list.split(' ') as string[] & { optional?: true };
  if (optional) slot.optional = true;
  return slot;
}

const DOCUMENTS = 'documents document sources source passages passage context texts text files information excerpts material';
const FINDING = 'find answer determine see tell locate able';
const NEGATED_VERBS = 'cover contain mention include provide answer address discuss say state specify have describe explain give';

/** Sentence openings of an abstention, slot by slot (each slot: the words allowed there). */
const OPENINGS: readonly (readonly Slot[])[] = [
  [words('not'), words('covered')],
  [
    words('the these your my', true),
    words('indexed provided given available retrieved numbered above supplied', true),
    words(DOCUMENTS),
    words('provided given above', true),
    words('do does did'),
    words('not'),
    words(NEGATED_VERBS),
  ],
  [words('there'), words('is are was'), words('no'), words('information answer mention details data relevant')],
  [words('i'), words('cannot'), words(FINDING)],
  [words('i'), words('could do did am was'), words('not'), words(FINDING)],
  [words('the'), words('answer'), words('is'), words('not')],
  [words('none'), words('of'), words('the these'), words(DOCUMENTS)],
  [words('no'), words('information answer relevant source sources document documents')],
  [words('this that the your'), words('question topic'), words('is'), words('not')],
];

/** Words of an apology or hedge that may precede the opening ("I'm sorry, but the sources do not …"). */
const PREAMBLE = new Set(['sorry', 'unfortunately', 'im', 'i', 'am', 'but', 'apologies', 'regrettably']);

const CONTRACTIONS: readonly [RegExp, string][] = [
  [/\bcan't\b/g, 'cannot'],
  [/\bwon't\b/g, 'will not'],
  [/\b(\w+)n't\b/g, '$1 not'],
  [/\bi'm\b/g, 'im'],
];

const CITATION = /\[\d+\]/;
const SENTENCE_END = /[.!?\n]/;

type Match = 'full' | 'prefix' | 'none';

/** Lower-case words of `text` with quotes, emphasis, citations, punctuation and contractions normalised. */
function normalisedWords(text: string): string[] {
  let folded = text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\[\d+\]/g, ' ');
  for (const [pattern, replacement] of CONTRACTIONS) folded = folded.replace(pattern, replacement);
  return folded.replace(/[^a-z0-9\s]/g, ' ').split(/\s+/).filter(Boolean);
}

/** Skips a leading apology ("sorry", "unfortunately", "I'm sorry, but") unless it is the opening itself. */
function withoutPreamble(list: readonly string[]): readonly string[] {
  let start = 0;
  while (start < list.length && PREAMBLE.has(list[start] as string) && !(list[start] === 'i' && opensWithI(list.slice(start)))) start++;
  return list.slice(start);
}

function opensWithI(list: readonly string[]): boolean {
  return matchOpenings(list, false) !== 'none';
}

/**
 * Whether `list` opens with one of the OPENINGS: 'full' when a whole opening matched, 'prefix' when the words
 * so far are the start of one (more text may complete it), else 'none'. `lastIsPartial`: the last word may
 * still grow (streaming), so it only needs to be the start of an allowed word.
 */
function matchOpenings(list: readonly string[], lastIsPartial: boolean): Match {
  let result: Match = 'none';
  for (const opening of OPENINGS) {
    const match = matchSlots(opening, 0, list, 0, lastIsPartial);
    if (match === 'full') return 'full';
    if (match === 'prefix') result = 'prefix';
  }
  return result;
}

function matchSlots(slots: readonly Slot[], slot: number, list: readonly string[], word: number, lastIsPartial: boolean): Match {
  if (slot === slots.length) return 'full';
  if (word === list.length) return 'prefix';
  const allowed = slots[slot] as Slot;
  const current = list[word] as string;
  const partial = lastIsPartial && word === list.length - 1;
  let result: Match = 'none';
  if (allowed.includes(current)) result = better(result, matchSlots(slots, slot + 1, list, word + 1, lastIsPartial));
  else if (partial && allowed.some((candidate) => candidate.startsWith(current))) result = better(result, 'prefix');
  if (allowed.optional) result = better(result, matchSlots(slots, slot + 1, list, word, lastIsPartial));
  return result;
}

function better(a: Match, b: Match): Match {
  return a === 'full' || b === 'full' ? 'full' : a === 'prefix' || b === 'prefix' ? 'prefix' : 'none';
}

/** The first sentence of `text` and what follows it. */
function splitFirstSentence(text: string): { first: string; rest: string; complete: boolean } {
  const trimmed = text.trimStart();
  const end = trimmed.search(SENTENCE_END);
  if (end < 0) return { first: trimmed, rest: '', complete: false };
  return { first: trimmed.slice(0, end + 1), rest: trimmed.slice(end + 1), complete: true };
}

/** True when the whole reply `text` says that the sources do not answer the question. */
export function isAbstention(text: string): boolean {
  const { first, rest } = splitFirstSentence(text);
  if (matchOpenings(withoutPreamble(normalisedWords(first)), false) !== 'full') return false;
  return !CITATION.test(rest);
}

/**
 * Whether a reply that begins with `text` may still turn out to be an abstention: true while its first
 * sentence is the start of an abstention opening (or is one), false as soon as it cannot be.
 */
export function mayBeAbstention(text: string): boolean {
  const { first, complete } = splitFirstSentence(text);
  const list = withoutPreamble(normalisedWords(first));
  if (list.length === 0) return !complete;
  const partial = !complete && /[a-z0-9']$/i.test(first);
  return matchOpenings(list, partial) !== 'none';
}

/**
 * Streaming: the reply's beginning is held back while it may still be an abstention, so the user never sees
 * half of "The documents do not cover …" followed by the standard NOT_COVERED text. An ordinary answer
 * ("Receipts go to finance …") is released at its first word that no abstention opening allows, usually the
 * first or second word, so what the user sees is not delayed; a reply that opens like an abstention is held
 * to its end, since only then is it known whether a cited answer follows. The measured first-token time
 * (`timings.firstTokenMs`) is the model's own and is not affected.
 */
export class AbstentionStreamGuard {
  private held = '';
  private released = false;

  constructor(private readonly emit: (text: string) => void) {}

  push(text: string): void {
    if (this.released) {
      this.emit(text);
      return;
    }
    this.held += text;
    if (!mayBeAbstention(this.held)) this.release();
  }

  /** At the end of generation: releases held text unless the reply is an abstention (then it is dropped). */
  finish(abstained: boolean): void {
    if (!abstained) this.release();
    this.held = '';
  }

  private release(): void {
    this.released = true;
    if (this.held !== '') this.emit(this.held);
    this.held = '';
  }
}

/** The fixed sentence the prompt asks the model to answer with when the sources do not answer. */
export const ABSTENTION_REPLY = NOT_COVERED;
