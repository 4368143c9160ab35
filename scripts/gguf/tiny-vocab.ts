/**
 * A small SentencePiece-style ("llama" tokenizer model in GGUF) vocabulary that can tokenize any text:
 * every character outside the vocabulary falls back to its UTF-8 bytes `<0x00>`..`<0xFF>`, exactly as
 * llama.cpp's SPM tokenizer does for real Llama/Mistral vocabularies.
 *
 * llama.cpp's SPM tokenizer merges adjacent pieces greedily by score, and only ever merges two pieces whose
 * concatenation is itself in the vocabulary. So every multi-character piece comes with all of its prefixes
 * ("▁t", "▁th", "▁the"), which guarantees the whole word is reachable by merges.
 */

/** Token types from llama.cpp (enum llama_token_type / GGUF tokenizer.ggml.token_type). */
const NORMAL = 1;
const UNKNOWN = 2;
const CONTROL = 3;
const BYTE = 6;

/** SentencePiece's word-boundary marker; llama.cpp turns spaces into it before tokenizing. */
const SPACE = '\u2581';

const WORDS = [
  'the', 'and', 'of', 'to', 'a', 'in', 'is', 'it', 'that', 'was', 'for', 'on', 'with', 'as', 'you', 'he', 'she',
  'they', 'we', 'this', 'are', 'be', 'at', 'by', 'not', 'or', 'have', 'from', 'but', 'what', 'all', 'were', 'when',
  'there', 'can', 'an', 'your', 'which', 'their', 'said', 'if', 'do', 'will', 'about', 'how', 'up', 'out', 'them',
  'then', 'some', 'so', 'these', 'would', 'other', 'into', 'has', 'more', 'her', 'two', 'like', 'him', 'see',
  'time', 'could', 'no', 'make', 'than', 'first', 'been', 'its', 'who', 'now', 'people', 'my', 'made', 'over',
  'did', 'down', 'only', 'way', 'find', 'use', 'may', 'water', 'long', 'little', 'very', 'after', 'words', 'called',
  'just', 'where', 'most', 'know', 'file', 'note', 'notes', 'search', 'index', 'model', 'question', 'answer',
  'document', 'folder', 'local', 'once', 'upon', 'day', 'play', 'happy', 'friend', 'cat', 'dog', 'sun', 'tree',
];

/** Common inner-word pieces, so text without a leading space (after punctuation, inside words) stays compact. */
const PIECES = ['th', 'he', 'in', 'er', 'an', 're', 'on', 'at', 'en', 'nd', 'ti', 'es', 'or', 'te', 'ing', 'ed', 'ly', 'ion'];

export interface TinyVocab {
  readonly tokens: string[];
  readonly scores: number[];
  readonly tokenTypes: number[];
  readonly unkId: number;
  readonly bosId: number;
  readonly eosId: number;
  /** ChatML turn markers, present so a ChatML chat template works (llama.cpp also treats `<|im_end|>` as end of generation). */
  readonly imStartId: number;
  readonly imEndId: number;
}

export function buildTinyVocab(): TinyVocab {
  const tokens: string[] = [];
  const scores: number[] = [];
  const tokenTypes: number[] = [];
  const index = new Map<string, number>();
  const add = (text: string, type: number, score: number): number => {
    const existing = index.get(text);
    if (existing !== undefined) return existing;
    index.set(text, tokens.length);
    tokens.push(text);
    scores.push(score);
    tokenTypes.push(type);
    return tokens.length - 1;
  };

  // Ids 0-2 follow the Llama 2 convention; llama.cpp reads the ids from metadata, but matching it avoids surprises.
  const unkId = add('<unk>', UNKNOWN, 0);
  const bosId = add('<s>', CONTROL, 0);
  const eosId = add('</s>', CONTROL, 0);
  for (let b = 0; b < 256; b++) add(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, BYTE, 0);
  const imStartId = add('<|im_start|>', CONTROL, 0);
  const imEndId = add('<|im_end|>', CONTROL, 0);

  // Normal pieces: higher score = merged first. Shorter pieces get higher scores, like a trained BPE/unigram vocab
  // where frequent short pieces come first; the exact ordering only changes how ties between merges break.
  const normal: string[] = [SPACE];
  for (let c = 0x21; c <= 0x7e; c++) normal.push(String.fromCharCode(c));
  for (const piece of PIECES) for (let n = 2; n <= piece.length; n++) normal.push(piece.slice(0, n));
  for (const word of WORDS) {
    const spaced = SPACE + word;
    for (let n = 2; n <= spaced.length; n++) normal.push(spaced.slice(0, n));
  }
  normal.forEach((piece, i) => add(piece, NORMAL, -i));

  return { tokens, scores, tokenTypes, unkId, bosId, eosId, imStartId, imEndId };
}
