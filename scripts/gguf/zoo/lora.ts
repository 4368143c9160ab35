/**
 * LoRA adapters for the zoo's decoders, in the GGUF adapter format convert_lora_to_gguf.py writes
 * (`general.type = "adapter"`, `adapter.type = "lora"`, `adapter.lora.alpha`, `<weight>.lora_a` [n_in, r] and
 * `<weight>.lora_b` [r, n_out]), with the base model's architecture and name so a wrong pairing is caught.
 * Both A and B are random and the update is as large as the base weights, so the adapter visibly changes
 * greedy output (a trained LoRA starts with B = 0 and would change nothing).
 */
import type { GgufDocument, GgufTensor } from '../types.ts';
import { gguf } from '../values.ts';
import { decoderMatrixDims, type DecoderModel } from './decoder.ts';
import { uniformValues } from './tensors.ts';

export type LoraTarget = keyof ReturnType<typeof decoderMatrixDims>;

export interface ZooLoraOptions {
  readonly seed?: number;
  readonly rank?: number;
  readonly alpha?: number;
  readonly targets?: readonly LoraTarget[];
}

export function buildDecoderLora(base: Pick<DecoderModel, 'arch' | 'name' | 'shape' | 'zooVersion'>, options: ZooLoraOptions = {}): GgufDocument {
  const seed = options.seed ?? 7;
  const rank = options.rank ?? 8;
  const alpha = options.alpha ?? 16;
  const targets = options.targets ?? ['attn_q', 'attn_v', 'ffn_up'];
  const dims = decoderMatrixDims(base.shape);
  const tensors: GgufTensor[] = [];
  for (let i = 0; i < base.shape.nLayer; i++) {
    for (const target of targets) {
      const [nIn, nOut] = dims[target];
      const name = `blk.${i}.${target}.weight`;
      // (alpha/r)·B·A then has the base weights' std 1/√n_in (std(B·A) = √r·stdA·stdB).
      const stdB = Math.sqrt(rank) / alpha;
      tensors.push(
        { name: `${name}.lora_a`, dims: [nIn, rank], type: 'F32', data: () => uniformValues(`${name}.lora_a`, nIn * rank, seed, 1 / Math.sqrt(nIn)) },
        { name: `${name}.lora_b`, dims: [rank, nOut], type: 'F32', data: () => uniformValues(`${name}.lora_b`, rank * nOut, seed, stdB) },
      );
    }
  }
  return {
    metadata: {
      'general.architecture': gguf.str(base.arch),
      'general.type': gguf.str('adapter'),
      'general.name': gguf.str(`${base.name} LoRA`),
      'general.base_model.count': gguf.u32(1),
      'general.base_model.0.name': gguf.str(base.name),
      'trove.zoo.version': gguf.u32(base.zooVersion),
      'adapter.type': gguf.str('lora'),
      'adapter.lora.alpha': gguf.f32(alpha),
    },
    tensors,
  };
}
