/**
 * Decoder-only language models (qwen2, qwen3, llama, gemma3, granite) laid out as llama.cpp's converter writes
 * them: the same metadata keys and tensor names and shapes, random weights. Embeddings are tied (no
 * output.weight), as in every small model of these families.
 */
import type { GgufDocument, GgufTensor, GgufTensorType, GgufValue } from '../types.ts';
import { gguf } from '../values.ts';
import type { ZooTokenizer } from './hf-tokenizer.ts';
import { identityMetadata, sharedShapeMetadata } from './header-metadata.ts';
import { initStd, tensorMaker } from './tensors.ts';

export type DecoderArch = 'qwen2' | 'qwen3' | 'llama' | 'gemma3' | 'granite';

export interface DecoderShape {
  readonly nEmbd: number;
  readonly nLayer: number;
  readonly nHead: number;
  readonly nHeadKv: number;
  /** Per-head width; Qwen3 and Gemma 3 use a head wider than nEmbd / nHead. */
  readonly headDim: number;
  readonly nFf: number;
  readonly contextLength: number;
}

export interface DecoderModel {
  readonly arch: DecoderArch;
  /** `general.name`, `general.basename`, `general.size_label`, as the converter writes them from the repo. */
  readonly name: string;
  readonly basename: string;
  readonly sizeLabel: string;
  readonly shape: DecoderShape;
  readonly tokenizer: ZooTokenizer;
  readonly tensorType: GgufTensorType;
  readonly seed: number;
  /** Architecture hyper-parameters beyond the shape, keys without the "<arch>." prefix (rope base, scales...). */
  readonly hparams: Readonly<Record<string, GgufValue>>;
  /** A reranker head: rank pooling and `cls.output.weight` with one output per label (Qwen3-Reranker: yes / no). */
  readonly rerankLabels?: readonly string[];
  /** Written as `trove.zoo.version`, so tools can tell a generated file from a real one. */
  readonly zooVersion: number;
}

interface ArchTraits {
  /** Q/K/V projections have biases (Qwen2). */
  readonly qkvBias: boolean;
  /** Per-head RMS norms on Q and K (Qwen3, Gemma 3). */
  readonly qkNorm: boolean;
  /** Extra RMS norms after attention and after the feed-forward (Gemma 2/3). */
  readonly postNorms: boolean;
  /** Llama 3's rope frequency factors tensor. */
  readonly ropeFreqs: boolean;
}

const TRAITS: Record<DecoderArch, ArchTraits> = {
  qwen2: { qkvBias: true, qkNorm: false, postNorms: false, ropeFreqs: false },
  qwen3: { qkvBias: false, qkNorm: true, postNorms: false, ropeFreqs: false },
  llama: { qkvBias: false, qkNorm: false, postNorms: false, ropeFreqs: true },
  gemma3: { qkvBias: false, qkNorm: true, postNorms: true, ropeFreqs: false },
  granite: { qkvBias: false, qkNorm: false, postNorms: false, ropeFreqs: false },
};

/** enum llama_pooling_type RANK. */
const POOLING_RANK = 4;

export function buildDecoder(m: DecoderModel): GgufDocument {
  const { arch, shape: s } = m;
  const traits = TRAITS[arch];
  const a = (key: string): string => `${arch}.${key}`;
  const metadata: Record<string, GgufValue> = {
    ...identityMetadata(m),
    [a('vocab_size')]: gguf.u32(m.tokenizer.vocabSize),
    ...sharedShapeMetadata(arch, s),
    [a('attention.head_count_kv')]: gguf.u32(s.nHeadKv),
    [a('attention.key_length')]: gguf.u32(s.headDim),
    [a('attention.value_length')]: gguf.u32(s.headDim),
    [a('rope.dimension_count')]: gguf.u32(s.headDim),
  };
  for (const [key, value] of Object.entries(m.hparams)) metadata[a(key)] = value;
  if (m.rerankLabels !== undefined) {
    metadata[a('pooling_type')] = gguf.u32(POOLING_RANK);
    metadata[a('classifier.output_labels')] = gguf.strArray(m.rerankLabels);
  }
  Object.assign(metadata, m.tokenizer.metadata);
  return { metadata, tensors: decoderTensors(m, traits) };
}

function decoderTensors(m: DecoderModel, traits: ArchTraits): GgufTensor[] {
  const s = m.shape;
  const t = tensorMaker(m.seed, m.tensorType);
  const qWidth = s.nHead * s.headDim;
  const kvWidth = s.nHeadKv * s.headDim;
  const ones = (name: string, n: number): GgufTensor => t.filled(name, n, 1);
  // Dims in ggml order [n_in, n_out]. Tied embeddings: llama.cpp uses token_embd as the LM head. Embeddings get
  // the families' initializer_range (0.02), small against the blocks' unit-scale outputs: with unit-scale
  // embeddings the residual stream stays close to the input token's own row, and a tied head then predicts that
  // token again whatever the weights (greedy output "\n\n\n…" that no LoRA can move).
  const tensors: GgufTensor[] = [t.matrix('token_embd.weight', [s.nEmbd, m.tokenizer.vocabSize], 0.02), ones('output_norm.weight', s.nEmbd)];
  if (traits.ropeFreqs) tensors.push(ones('rope_freqs.weight', s.headDim / 2));
  for (let i = 0; i < s.nLayer; i++) {
    const b = `blk.${i}`;
    tensors.push(
      ones(`${b}.attn_norm.weight`, s.nEmbd),
      t.matrix(`${b}.attn_q.weight`, [s.nEmbd, qWidth], initStd(s.nEmbd)),
      t.matrix(`${b}.attn_k.weight`, [s.nEmbd, kvWidth], initStd(s.nEmbd)),
      t.matrix(`${b}.attn_v.weight`, [s.nEmbd, kvWidth], initStd(s.nEmbd)),
    );
    if (traits.qkvBias) {
      tensors.push(t.vector(`${b}.attn_q.bias`, qWidth, 0.02), t.vector(`${b}.attn_k.bias`, kvWidth, 0.02), t.vector(`${b}.attn_v.bias`, kvWidth, 0.02));
    }
    if (traits.qkNorm) tensors.push(ones(`${b}.attn_q_norm.weight`, s.headDim), ones(`${b}.attn_k_norm.weight`, s.headDim));
    tensors.push(t.matrix(`${b}.attn_output.weight`, [qWidth, s.nEmbd], initStd(qWidth)));
    if (traits.postNorms) tensors.push(ones(`${b}.post_attention_norm.weight`, s.nEmbd));
    tensors.push(
      ones(`${b}.ffn_norm.weight`, s.nEmbd),
      t.matrix(`${b}.ffn_gate.weight`, [s.nEmbd, s.nFf], initStd(s.nEmbd)),
      t.matrix(`${b}.ffn_up.weight`, [s.nEmbd, s.nFf], initStd(s.nEmbd)),
      t.matrix(`${b}.ffn_down.weight`, [s.nFf, s.nEmbd], initStd(s.nFf)),
    );
    if (traits.postNorms) tensors.push(ones(`${b}.post_ffw_norm.weight`, s.nEmbd));
  }
  // Reranker head: the LM head's rows for the label tokens, in the converter's terms; random here.
  if (m.rerankLabels !== undefined) tensors.push(t.matrix('cls.output.weight', [s.nEmbd, m.rerankLabels.length], initStd(s.nEmbd)));
  return tensors;
}

/** The matrices a LoRA adapter may target, with their [n_in, n_out] dims for `shape`. */
export function decoderMatrixDims(shape: DecoderShape): Record<'attn_q' | 'attn_k' | 'attn_v' | 'attn_output' | 'ffn_gate' | 'ffn_up' | 'ffn_down', readonly [number, number]> {
  const q = shape.nHead * shape.headDim;
  const kv = shape.nHeadKv * shape.headDim;
  return {
    attn_q: [shape.nEmbd, q],
    attn_k: [shape.nEmbd, kv],
    attn_v: [shape.nEmbd, kv],
    attn_output: [q, shape.nEmbd],
    ffn_gate: [shape.nEmbd, shape.nFf],
    ffn_up: [shape.nEmbd, shape.nFf],
    ffn_down: [shape.nFf, shape.nEmbd],
  };
}
