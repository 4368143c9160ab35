/**
 * The metadata every zoo file opens with, decoder or encoder: the `general.*` keys llama.cpp's converter writes
 * from the repository, the zoo's own version, and the shape keys both kinds of model share.
 */
import type { GgufTensorType, GgufValue } from '../types.ts';
import { gguf } from '../values.ts';
import { fileTypeOf } from './tensors.ts';

export interface ZooFileIdentity {
  readonly arch: string;
  /** `general.name`, `general.basename`, `general.size_label`, as the converter writes them from the repo. */
  readonly name: string;
  readonly basename: string;
  readonly sizeLabel: string;
  readonly tensorType: GgufTensorType;
  /** Written as `trove.zoo.version`, so tools can tell a generated file from a real one. */
  readonly zooVersion: number;
}

export interface SharedShape {
  readonly contextLength: number;
  readonly nEmbd: number;
  readonly nLayer: number;
  readonly nFf: number;
  readonly nHead: number;
}

export function identityMetadata(m: ZooFileIdentity): Record<string, GgufValue> {
  return {
    'general.architecture': gguf.str(m.arch),
    'general.type': gguf.str('model'),
    'general.name': gguf.str(m.name),
    'general.basename': gguf.str(m.basename),
    'general.size_label': gguf.str(m.sizeLabel),
    'general.file_type': gguf.u32(fileTypeOf(m.tensorType)),
    'trove.zoo.version': gguf.u32(m.zooVersion),
  };
}

/** `<arch>.context_length` … `<arch>.attention.head_count`, in the converter's order. */
export function sharedShapeMetadata(arch: string, s: SharedShape): Record<string, GgufValue> {
  return {
    [`${arch}.context_length`]: gguf.u32(s.contextLength),
    [`${arch}.embedding_length`]: gguf.u32(s.nEmbd),
    [`${arch}.block_count`]: gguf.u32(s.nLayer),
    [`${arch}.feed_forward_length`]: gguf.u32(s.nFf),
    [`${arch}.attention.head_count`]: gguf.u32(s.nHead),
  };
}
