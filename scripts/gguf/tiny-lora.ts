import { randomTensor } from './random-tensor.ts';
import { TINY_MODEL_FORMAT_VERSION } from './tiny-llama.ts';
import { resolveTinyLlamaShape, type TinyLlamaOptions } from './tiny-llama-shape.ts';
import type { GgufDocument, GgufTensor } from './types.ts';
import { gguf } from './values.ts';

export type LoraTarget = 'attn_q' | 'attn_k' | 'attn_v' | 'attn_output' | 'ffn_gate' | 'ffn_up' | 'ffn_down';

export interface TinyLoraOptions {
  /** Shape of the base model the adapter is for. Pass a different shape to build a deliberately mismatched adapter. */
  readonly base?: TinyLlamaOptions;
  /** Seed of the adapter weights (independent of the base model's seed). Default 7. */
  readonly seed?: number;
  /** LoRA rank r. Default 4. */
  readonly rank?: number;
  /** `adapter.lora.alpha`; llama.cpp scales the update by alpha / r. Default 8. */
  readonly alpha?: number;
  /** Which matrices of every block to adapt. Default attn_q, attn_v, ffn_up. */
  readonly targets?: readonly LoraTarget[];
  /** Size of the update relative to the base weights' spread (1 = same std). Default 1. */
  readonly strength?: number;
}

/**
 * A LoRA adapter in llama.cpp's GGUF adapter format (what convert_lora_to_gguf.py writes):
 * `general.type = "adapter"`, `adapter.type = "lora"`, `adapter.lora.alpha`, and per adapted weight W with
 * ggml dims [n_in, n_out] two tensors `<W>.lora_a` [n_in, r] and `<W>.lora_b` [r, n_out].
 * llama.cpp computes W·x + scale·(alpha/r)·B·(A·x) and checks A/B dims against the base model's tensors,
 * which is what makes a mismatched adapter fail to load.
 *
 * Unlike a freshly initialised LoRA (B = 0, no effect), both A and B are random and the update is as large as
 * the base weights, so applying the adapter visibly changes greedy output.
 */
export function buildTinyLora(options: TinyLoraOptions = {}): GgufDocument {
  const s = resolveTinyLlamaShape(options.base);
  const seed = options.seed ?? 7;
  const rank = options.rank ?? 4;
  const alpha = options.alpha ?? 8;
  const targets = options.targets ?? ['attn_q', 'attn_v', 'ffn_up'];
  const strength = options.strength ?? 1;
  if (!Number.isInteger(rank) || rank <= 0) throw new Error(`rank must be a positive integer, got ${rank}`);

  const nEmbdKv = (s.nEmbd / s.nHead) * s.nHeadKv;
  const dimsOf: Record<LoraTarget, readonly [number, number]> = {
    attn_q: [s.nEmbd, s.nEmbd],
    attn_k: [s.nEmbd, nEmbdKv],
    attn_v: [s.nEmbd, nEmbdKv],
    attn_output: [s.nEmbd, s.nEmbd],
    ffn_gate: [s.nEmbd, s.nFf],
    ffn_up: [s.nEmbd, s.nFf],
    ffn_down: [s.nFf, s.nEmbd],
  };

  const tensors: GgufTensor[] = [];
  for (let i = 0; i < s.nLayer; i++) {
    for (const target of targets) {
      const [nIn, nOut] = dimsOf[target];
      const name = `blk.${i}.${target}.weight`;
      // std(B·A) = √r·stdA·stdB; with stdA = 1/√n_in (like the base) this picks stdB so that
      // (alpha/r)·B·A has `strength` times the base weights' std 1/√n_in.
      const stdA = 1 / Math.sqrt(nIn);
      const stdB = (strength * Math.sqrt(rank)) / alpha;
      // The adapter always stores F32: llama.cpp copies A/B as they are and F32 avoids any precision question.
      tensors.push(randomTensor(`${name}.lora_a`, [nIn, rank], seed, stdA), randomTensor(`${name}.lora_b`, [rank, nOut], seed, stdB));
    }
  }

  return {
    metadata: {
      'general.architecture': gguf.str('llama'),
      'general.type': gguf.str('adapter'),
      'general.name': gguf.str(`${s.name}-lora`),
      'trove.test_model.version': gguf.u32(TINY_MODEL_FORMAT_VERSION),
      'adapter.type': gguf.str('lora'),
      'adapter.lora.alpha': gguf.f32(alpha),
    },
    tensors,
  };
}
