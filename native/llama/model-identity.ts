/** What a loaded model's GGUF header says about it, for choosing per-family behaviour (e.g. embedding prefixes). */
import type { LlamaModel } from 'node-llama-cpp';
import { POOLING_NAMES } from './gguf-inspect-role.ts';

export interface LoadedModelIdentity {
  /** `general.architecture`. */
  readonly architecture: string | undefined;
  /** `general.name`. */
  readonly name: string | undefined;
  /** `general.basename`. */
  readonly basename: string | undefined;
  /** `<arch>.pooling_type` by name ('none' | 'mean' | 'cls' | 'last' | 'rank'); undefined when the file declares none. */
  readonly pooling: string | undefined;
}

export function loadedModelIdentity(model: LlamaModel): LoadedModelIdentity {
  // node-llama-cpp nests metadata by the dots of its keys ("general.name" → metadata.general.name).
  const meta = model.fileInfo.metadata as unknown as Record<string, Record<string, unknown> | undefined>;
  const general = meta.general ?? {};
  const architecture = typeof general.architecture === 'string' ? general.architecture : undefined;
  const pooling = architecture === undefined ? undefined : meta[architecture]?.pooling_type;
  return {
    architecture,
    name: typeof general.name === 'string' ? general.name : undefined,
    basename: typeof general.basename === 'string' ? general.basename : undefined,
    pooling: typeof pooling === 'number' ? (POOLING_NAMES[pooling] ?? `type ${pooling}`) : undefined,
  };
}
