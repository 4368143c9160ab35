/**
 * The words of a question that say what it is about, kept as written (for showing people what was searched)
 * together with their index terms (for comparing questions the way the index compares text).
 */
import { analyzeIn } from '../search/analyze.ts';

export interface ContentWord {
  /** As written in the question. */
  readonly surface: string;
  /** The index terms of the word (stemmed, folded); a compound or a CJK run may give several. */
  readonly terms: readonly string[];
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;

/**
 * Words that refer back to earlier turns or only frame a request. They say that a question continues a
 * conversation, never what it is about, so they are neither searched as topic nor carried over.
 */
export const REFERRING_WORDS: ReadonlySet<string> = new Set(
  (
    'it its itself this that these those they them their theirs themselves he him his she her hers one ones ' +
    'same such former latter above previous'
  ).split(' '),
);

const FRAMING_WORDS: ReadonlySet<string> = new Set(
  'also else instead again too please tell explain show mean means thing things stuff way ways ok okay thanks yes'.split(' '),
);

/** Contractions end in a clitic that is not a word of its own: "doesn't" → does, "can't" → can. */
const IRREGULAR_NEGATIONS: Readonly<Record<string, string>> = { ca: 'can', wo: 'will', sha: 'shall' };

function withoutClitic(word: string): string {
  const lower = word.toLowerCase().replace(/’/g, "'");
  if (lower.endsWith("n't")) {
    const base = lower.slice(0, -3);
    return IRREGULAR_NEGATIONS[base] ?? base;
  }
  return lower.replace(/'(s|re|ll|ve|d|m)$/, '');
}

/** Stop words are the analyser's to drop (in the question's language); these are the conversation's own. */
function isFunctionWord(word: string): boolean {
  return REFERRING_WORDS.has(word) || FRAMING_WORDS.has(word);
}

/** Every word of `text`, in order, as written (lower case), contractions reduced to their word. */
export function plainWords(text: string): string[] {
  return Array.from(text.matchAll(WORD), (match) => withoutClitic(match[0]));
}

/** The content words of `text` in order, each once (by its terms); function words and referring words left out. */
export function contentWords(text: string): ContentWord[] {
  const seen = new Set<string>();
  const words: ContentWord[] = [];
  for (const match of text.matchAll(WORD)) {
    const plain = withoutClitic(match[0]);
    if (isFunctionWord(plain)) continue;
    const terms = analyzeIn(text, plain).filter((term) => !isFunctionWord(term));
    const key = terms.join(' ');
    if (terms.length === 0 || seen.has(key)) continue;
    seen.add(key);
    words.push({ surface: match[0], terms });
  }
  return words;
}

/** The distinct index terms of `text`'s content words. */
export function contentTermSet(text: string): Set<string> {
  return new Set(contentWords(text).flatMap((word) => word.terms));
}
