/**
 * Hyper-parameters of the generated test models. Defaults are the smallest llama.cpp is comfortable with:
 * head size 16 (n_embd / n_head) keeps ggml's rope and attention kernels on their ordinary paths, and
 * everything divides evenly so grouped-query variants (nHeadKv < nHead) are valid too.
 */
export interface TinyLlamaOptions {
  /** Seed for all weights; the same options always give byte-identical files. Default 1. */
  readonly seed?: number;
  /** Hidden size = embedding vector length. Default 64. */
  readonly nEmbd?: number;
  /** Transformer blocks. Default 2. */
  readonly nLayer?: number;
  /** Attention heads; must divide nEmbd. Default 4. */
  readonly nHead?: number;
  /** Key/value heads (grouped-query attention); must divide nHead. Default nHead. */
  readonly nHeadKv?: number;
  /** Feed-forward width. Default 128. */
  readonly nFf?: number;
  /** Trained context length llama.cpp will report. Default 512. */
  readonly contextLength?: number;
  /**
   * Written as `llama.pooling_type` to make an embedding-oriented model ('mean' like most sentence embedders).
   * Omitted by default: llama.cpp then pools nothing and node-llama-cpp uses the last token's hidden state.
   */
  readonly poolingType?: 'none' | 'mean' | 'cls' | 'last';
  /** `llama.attention.causal`; false gives bidirectional attention like encoder embedders. Omitted by default. */
  readonly causalAttention?: boolean;
  /** Storage of the matrices (norm vectors are always F32, as llama.cpp expects). Default 'F32'. */
  readonly tensorType?: 'F32' | 'F16';
  /** `general.name`. Default 'trove-tiny-llama'. */
  readonly name?: string;
  /** Jinja chat template; null omits it. Default: ChatML. */
  readonly chatTemplate?: string | null;
}

export type TinyLlamaShape = Required<Omit<TinyLlamaOptions, 'poolingType' | 'causalAttention' | 'chatTemplate'>> &
  Pick<TinyLlamaOptions, 'poolingType' | 'causalAttention'> & { readonly chatTemplate: string | null };

const CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

export function resolveTinyLlamaShape(options: TinyLlamaOptions = {}): TinyLlamaShape {
  const nEmbd = options.nEmbd ?? 64;
  const nHead = options.nHead ?? 4;
  const shape: TinyLlamaShape = {
    seed: options.seed ?? 1,
    nEmbd,
    nLayer: options.nLayer ?? 2,
    nHead,
    nHeadKv: options.nHeadKv ?? nHead,
    nFf: options.nFf ?? 128,
    contextLength: options.contextLength ?? 512,
    poolingType: options.poolingType,
    causalAttention: options.causalAttention,
    tensorType: options.tensorType ?? 'F32',
    name: options.name ?? 'trove-tiny-llama',
    chatTemplate: options.chatTemplate === undefined ? CHATML_TEMPLATE : options.chatTemplate,
  };
  const headDim = shape.nEmbd / shape.nHead;
  // Fail here with a clear message rather than inside llama.cpp with a tensor-shape assertion.
  if (!Number.isInteger(headDim) || headDim % 2 !== 0) throw new Error(`nEmbd (${nEmbd}) / nHead (${nHead}) must be an even integer (rope rotates pairs)`);
  if (shape.nHead % shape.nHeadKv !== 0) throw new Error(`nHeadKv (${shape.nHeadKv}) must divide nHead (${nHead})`);
  for (const [k, v] of Object.entries({ nLayer: shape.nLayer, nFf: shape.nFf, contextLength: shape.contextLength })) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`${k} must be a positive integer, got ${v}`);
  }
  return shape;
}
