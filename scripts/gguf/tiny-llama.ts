import { randomTensor } from './random-tensor.ts';
import { resolveTinyLlamaShape, type TinyLlamaOptions } from './tiny-llama-shape.ts';
import { buildTinyVocab } from './tiny-vocab.ts';
import type { GgufDocument, GgufTensor, GgufValue } from './types.ts';
import { gguf } from './values.ts';

/**
 * Bumped whenever the bytes of generated models change (new keys, tensors, init), so caches of generated files
 * are rebuilt. Written into every generated file as `trove.test_model.version`; llama.cpp ignores unknown keys.
 */
export const TINY_MODEL_FORMAT_VERSION = 1;

/**
 * A llama-architecture model with random weights that llama.cpp loads and runs like any Llama checkpoint:
 * it tokenizes arbitrary text, generates (nonsense) tokens and produces embeddings. Its purpose is exercising
 * the real inference stack in tests without shipping or downloading model weights.
 *
 * Weights are scaled like a freshly initialised network (std 1/√fan_in) so activations keep unit scale
 * through the blocks and the logits are varied enough that greedy decoding reacts to small weight changes
 * (which the LoRA tests rely on).
 */
export function buildTinyLlama(options: TinyLlamaOptions = {}): GgufDocument {
  const s = resolveTinyLlamaShape(options);
  const vocab = buildTinyVocab();
  const nVocab = vocab.tokens.length;
  const headDim = s.nEmbd / s.nHead;
  const nEmbdKv = headDim * s.nHeadKv;

  const metadata: Record<string, GgufValue> = {
    'general.architecture': gguf.str('llama'),
    'general.type': gguf.str('model'),
    'general.name': gguf.str(s.name),
    // llama_ftype: 0 = all F32, 1 = mostly F16. Informational for llama.cpp, shown by tools.
    'general.file_type': gguf.u32(s.tensorType === 'F32' ? 0 : 1),
    'trove.test_model.version': gguf.u32(TINY_MODEL_FORMAT_VERSION),
    'llama.vocab_size': gguf.u32(nVocab),
    'llama.context_length': gguf.u32(s.contextLength),
    'llama.embedding_length': gguf.u32(s.nEmbd),
    'llama.block_count': gguf.u32(s.nLayer),
    'llama.feed_forward_length': gguf.u32(s.nFf),
    'llama.rope.dimension_count': gguf.u32(headDim),
    'llama.rope.freq_base': gguf.f32(10000),
    'llama.attention.head_count': gguf.u32(s.nHead),
    'llama.attention.head_count_kv': gguf.u32(s.nHeadKv),
    'llama.attention.layer_norm_rms_epsilon': gguf.f32(1e-5),
  };
  if (s.poolingType !== undefined) {
    // enum llama_pooling_type: NONE 0, MEAN 1, CLS 2, LAST 3.
    metadata['llama.pooling_type'] = gguf.u32({ none: 0, mean: 1, cls: 2, last: 3 }[s.poolingType]);
  }
  if (s.causalAttention !== undefined) metadata['llama.attention.causal'] = gguf.bool(s.causalAttention);

  // "llama" = SentencePiece BPE with byte fallback (llama.cpp LLAMA_VOCAB_TYPE_SPM).
  metadata['tokenizer.ggml.model'] = gguf.str('llama');
  metadata['tokenizer.ggml.tokens'] = gguf.strArray(vocab.tokens);
  metadata['tokenizer.ggml.scores'] = gguf.f32Array(vocab.scores);
  metadata['tokenizer.ggml.token_type'] = gguf.i32Array(vocab.tokenTypes);
  metadata['tokenizer.ggml.unknown_token_id'] = gguf.u32(vocab.unkId);
  metadata['tokenizer.ggml.bos_token_id'] = gguf.u32(vocab.bosId);
  metadata['tokenizer.ggml.eos_token_id'] = gguf.u32(vocab.eosId);
  metadata['tokenizer.ggml.add_bos_token'] = gguf.bool(true);
  metadata['tokenizer.ggml.add_eos_token'] = gguf.bool(false);
  if (s.chatTemplate !== null) metadata['tokenizer.chat_template'] = gguf.str(s.chatTemplate);

  const w = (name: string, dims: readonly number[], std: number): GgufTensor => randomTensor(name, dims, s.seed, std, s.tensorType);
  const ones = (name: string, n: number): GgufTensor => ({ name, dims: [n], type: 'F32', data: new Float32Array(n).fill(1) });
  const fanIn = (n: number): number => 1 / Math.sqrt(n);

  // Dims are ggml order [ne0 = input width, ne1 = output width], as convert_hf_to_gguf.py writes them.
  const tensors: GgufTensor[] = [
    w('token_embd.weight', [s.nEmbd, nVocab], 1),
    ones('output_norm.weight', s.nEmbd),
    w('output.weight', [s.nEmbd, nVocab], fanIn(s.nEmbd)),
  ];
  for (let i = 0; i < s.nLayer; i++) {
    const b = `blk.${i}`;
    tensors.push(
      ones(`${b}.attn_norm.weight`, s.nEmbd),
      w(`${b}.attn_q.weight`, [s.nEmbd, s.nEmbd], fanIn(s.nEmbd)),
      w(`${b}.attn_k.weight`, [s.nEmbd, nEmbdKv], fanIn(s.nEmbd)),
      w(`${b}.attn_v.weight`, [s.nEmbd, nEmbdKv], fanIn(s.nEmbd)),
      w(`${b}.attn_output.weight`, [s.nEmbd, s.nEmbd], fanIn(s.nEmbd)),
      ones(`${b}.ffn_norm.weight`, s.nEmbd),
      w(`${b}.ffn_gate.weight`, [s.nEmbd, s.nFf], fanIn(s.nEmbd)),
      w(`${b}.ffn_up.weight`, [s.nEmbd, s.nFf], fanIn(s.nEmbd)),
      w(`${b}.ffn_down.weight`, [s.nFf, s.nEmbd], fanIn(s.nFf)),
    );
  }
  return { metadata, tensors };
}
