/**
 * BERT-type encoders (bert, nomic-bert) as llama.cpp's converter writes them: bidirectional attention, post-norm
 * blocks with LayerNorm weights and biases, a token-type embedding, and the pooling type in the metadata
 * (bge: CLS, nomic: mean, cross-encoders: rank with a classifier head). Random weights.
 */
import type { GgufDocument, GgufTensor, GgufTensorType, GgufValue } from '../types.ts';
import { gguf } from '../values.ts';
import type { ZooTokenizer } from './hf-tokenizer.ts';
import { identityMetadata, sharedShapeMetadata } from './header-metadata.ts';
import { initStd, tensorMaker } from './tensors.ts';

export type EncoderArch = 'bert' | 'nomic-bert';
export type Pooling = 'mean' | 'cls' | 'rank';

export interface EncoderShape {
  readonly nEmbd: number;
  readonly nLayer: number;
  readonly nHead: number;
  readonly nFf: number;
  /** Positions: bert's learned position table has this many rows; nomic-bert uses rope. */
  readonly contextLength: number;
}

export interface EncoderModel {
  readonly arch: EncoderArch;
  readonly name: string;
  readonly basename: string;
  readonly sizeLabel: string;
  readonly shape: EncoderShape;
  readonly tokenizer: ZooTokenizer;
  readonly tensorType: GgufTensorType;
  readonly seed: number;
  readonly pooling: Pooling;
  readonly zooVersion: number;
}

/** enum llama_pooling_type. */
const POOLING_ID: Record<Pooling, number> = { mean: 1, cls: 2, rank: 4 };
/** BERT's two segment ids ("sentence A / B"); llama.cpp adds row 0 to every token. */
const TOKEN_TYPES = 2;

export function buildEncoder(m: EncoderModel): GgufDocument {
  const { arch, shape: s } = m;
  const a = (key: string): string => `${arch}.${key}`;
  const metadata: Record<string, GgufValue> = {
    ...identityMetadata(m),
    ...sharedShapeMetadata(arch, s),
    [a('attention.layer_norm_epsilon')]: gguf.f32(1e-12),
    [a('attention.causal')]: gguf.bool(false),
    [a('pooling_type')]: gguf.u32(POOLING_ID[m.pooling]),
  };
  // nomic-bert rotates positions (rope base 1000) instead of learning a position table.
  if (arch === 'nomic-bert') metadata[a('rope.freq_base')] = gguf.f32(1000);
  Object.assign(metadata, m.tokenizer.metadata);
  return { metadata, tensors: encoderTensors(m) };
}

function encoderTensors(m: EncoderModel): GgufTensor[] {
  const s = m.shape;
  const t = tensorMaker(m.seed, m.tensorType);
  const norm = (base: string, n: number): GgufTensor[] => [t.filled(`${base}.weight`, n, 1), t.filled(`${base}.bias`, n, 0)];
  const linear = (base: string, nIn: number, nOut: number, bias: boolean): GgufTensor[] => [
    t.matrix(`${base}.weight`, [nIn, nOut], initStd(nIn)),
    ...(bias ? [t.vector(`${base}.bias`, nOut, 0.02)] : []),
  ];
  const nomic = m.arch === 'nomic-bert';
  const tensors: GgufTensor[] = [
    t.matrix('token_embd.weight', [s.nEmbd, m.tokenizer.vocabSize], 1),
    // Added to every input as a plain vector (not gathered by row), so llama.cpp needs it in F32, as converters keep it.
    t.matrixF32('token_types.weight', [s.nEmbd, TOKEN_TYPES], 1),
  ];
  if (!nomic) tensors.push(t.matrix('position_embd.weight', [s.nEmbd, s.contextLength], 1));
  tensors.push(...norm('token_embd_norm', s.nEmbd));
  for (let i = 0; i < s.nLayer; i++) {
    const b = `blk.${i}`;
    if (nomic) {
      // nomic-bert fuses Q, K and V into one projection without biases, and gates its feed-forward (SwiGLU).
      tensors.push(...linear(`${b}.attn_qkv`, s.nEmbd, 3 * s.nEmbd, false), ...linear(`${b}.attn_output`, s.nEmbd, s.nEmbd, false));
    } else {
      tensors.push(
        ...linear(`${b}.attn_q`, s.nEmbd, s.nEmbd, true),
        ...linear(`${b}.attn_k`, s.nEmbd, s.nEmbd, true),
        ...linear(`${b}.attn_v`, s.nEmbd, s.nEmbd, true),
        ...linear(`${b}.attn_output`, s.nEmbd, s.nEmbd, true),
      );
    }
    tensors.push(...norm(`${b}.attn_output_norm`, s.nEmbd));
    if (nomic) {
      tensors.push(...linear(`${b}.ffn_up`, s.nEmbd, s.nFf, false), ...linear(`${b}.ffn_gate`, s.nEmbd, s.nFf, false), ...linear(`${b}.ffn_down`, s.nFf, s.nEmbd, false));
    } else {
      tensors.push(...linear(`${b}.ffn_up`, s.nEmbd, s.nFf, true), ...linear(`${b}.ffn_down`, s.nFf, s.nEmbd, true));
    }
    tensors.push(...norm(`${b}.layer_output_norm`, s.nEmbd));
  }
  // BertForSequenceClassification: the pooler (dense + tanh on [CLS]) as cls.*, the classifier as cls.output.*.
  if (m.pooling === 'rank') tensors.push(...linear('cls', s.nEmbd, s.nEmbd, true), ...linear('cls.output', s.nEmbd, 1, true));
  return tensors;
}
