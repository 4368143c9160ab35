import { randomTensor } from './random-tensor.ts';
import { buildTinyLlama } from './tiny-llama.ts';
import { resolveTinyLlamaShape } from './tiny-llama-shape.ts';
import type { GgufDocument, GgufTensor, GgufValue } from './types.ts';
import { gguf } from './values.ts';

export interface TinyRerankerOptions {
  /** Seed for all weights. Default 3 (so it shares no weights with the default tiny llama). */
  readonly seed?: number;
  /** Hidden size. Default 64. */
  readonly nEmbd?: number;
  /** Transformer blocks. Default 2. */
  readonly nLayer?: number;
  /** Attention heads; must divide nEmbd. Default 4. */
  readonly nHead?: number;
  /**
   * Classifier labels (`qwen3.classifier.output_labels`); their count is the head's width n_cls_out. Default
   * ["yes", "no"] like Qwen3-Reranker. llama.cpp softmaxes a qwen3 head's outputs and node-llama-cpp reads the
   * first, so at least two labels are needed for scores that vary with the input (one label always gives 1).
   */
  readonly labels?: readonly string[];
}

/** enum llama_pooling_type: NONE 0, MEAN 1, CLS 2, LAST 3, RANK 4. */
const POOLING_RANK = 4;

/**
 * A cross-encoder reranker in the shape of Qwen3-Reranker that llama.cpp loads with rank pooling and
 * node-llama-cpp accepts for `createRankingContext` (its `supportsRanking` wants a `cls.output.weight`
 * tensor plus an eos or sep token, which the tiny vocabulary has).
 *
 * llama.cpp's qwen3 architecture is a llama decoder plus per-head RMS norms on Q and K (`attn_q_norm`,
 * `attn_k_norm`, [head_dim]) and an optional single-matrix classification head `cls.output.weight`
 * [n_embd, n_cls_out]; with rank pooling it projects the pooled hidden state through that head and softmaxes.
 * So this starts from the generated tiny llama (same vocabulary, same weight init), renames its `llama.*`
 * hyper-parameters to `qwen3.*`, drops the LM head (llama.cpp then ties it to the token embeddings, keeping the
 * file small) and adds the norms and the head. Random weights: scores are deterministic but meaningless.
 */
export function buildTinyReranker(options: TinyRerankerOptions = {}): GgufDocument {
  const seed = options.seed ?? 3;
  const labels = options.labels ?? ['yes', 'no'];
  if (labels.length === 0) throw new Error('a reranker needs at least one classifier label');
  const base = {
    seed,
    ...(options.nEmbd !== undefined ? { nEmbd: options.nEmbd } : {}),
    ...(options.nLayer !== undefined ? { nLayer: options.nLayer } : {}),
    ...(options.nHead !== undefined ? { nHead: options.nHead } : {}),
    name: 'trove-tiny-reranker',
    chatTemplate: null,
  };
  const s = resolveTinyLlamaShape(base);
  const llama = buildTinyLlama(base);
  const headDim = s.nEmbd / s.nHead;

  const metadata: Record<string, GgufValue> = {};
  for (const [key, value] of Object.entries(llama.metadata)) {
    metadata[key.startsWith('llama.') ? `qwen3.${key.slice('llama.'.length)}` : key] = value;
  }
  metadata['general.architecture'] = gguf.str('qwen3');
  metadata['qwen3.pooling_type'] = gguf.u32(POOLING_RANK);
  metadata['qwen3.classifier.output_labels'] = gguf.strArray(labels);

  const ones = (name: string, n: number): GgufTensor => ({ name, dims: [n], type: 'F32', data: new Float32Array(n).fill(1) });
  const tensors: GgufTensor[] = llama.tensors.filter((t) => t.name !== 'output.weight');
  for (let i = 0; i < s.nLayer; i++) tensors.push(ones(`blk.${i}.attn_q_norm.weight`, headDim), ones(`blk.${i}.attn_k_norm.weight`, headDim));
  // The final RMS norm gives the pooled state unit scale; std 1/√n_embd (like the other matrices) keeps the head's
  // logits of order 1, so the softmaxed scores spread over (0, 1) instead of saturating at 0 or 1.
  tensors.push(randomTensor('cls.output.weight', [s.nEmbd, labels.length], seed, 1 / Math.sqrt(s.nEmbd), s.tensorType));
  return { metadata, tensors };
}
