/**
 * Checks a LoRA adapter against the base model from their GGUF headers, before llama.cpp loads it. llama.cpp
 * refuses a mismatched adapter too, but only says so in its log, and a missing tensor pair or a wrong
 * orientation is reported far less clearly; this check names both files and the first tensor that disagrees.
 */
import { basename } from 'node:path';
import { ModelError } from '../errors.ts';

/** What a GGUF header says about a file's kind and tensor shapes (dims in ggml order). */
export interface GgufShapes {
  readonly path: string;
  readonly architecture: string | undefined;
  readonly fileType: string | undefined;
  /** `adapter.type` ("lora") for adapters. */
  readonly adapterType: string | undefined;
  readonly tensors: ReadonlyMap<string, readonly number[]>;
}

const LORA_A = '.lora_a';
const LORA_B = '.lora_b';

/** Throws ModelError ADAPTER_MISMATCH (modelPath = the adapter) when `adapter` cannot apply to `base`. */
export function checkAdapterFits(base: GgufShapes, adapter: GgufShapes): void {
  const problem = adapterProblem(base, adapter);
  if (problem === undefined) return;
  throw new ModelError('ADAPTER_MISMATCH', adapter.path, `LoRA adapter ${basename(adapter.path)} does not fit model ${basename(base.path)}: ${problem}.`);
}

/** Why `adapter` cannot apply to `base` (a clause for a sentence), or undefined when it fits. */
export function adapterProblem(base: GgufShapes, adapter: GgufShapes): string | undefined {
  if (adapter.adapterType !== undefined && adapter.adapterType !== 'lora') return `it is a "${adapter.adapterType}" adapter, not LoRA`;
  if (adapter.architecture !== undefined && base.architecture !== undefined && adapter.architecture !== base.architecture) {
    return `it was made for ${adapter.architecture} models, the model is ${base.architecture}`;
  }
  let pairs = 0;
  for (const [name, a] of adapter.tensors) {
    if (!name.endsWith(LORA_A)) continue;
    const target = name.slice(0, -LORA_A.length);
    const b = adapter.tensors.get(target + LORA_B);
    if (b === undefined) return `tensor ${name} has no matching ${target}${LORA_B}`;
    const w = base.tensors.get(target);
    if (w === undefined) return `it adapts ${target}, which the model does not have`;
    // W is [n_in, n_out]; A is [n_in, r] and B is [r, n_out] (what llama.cpp multiplies as B·(A·x)).
    if (a.length !== 2 || b.length !== 2 || w.length < 2) return `tensor ${target} has unexpected dimensions`;
    if (a[1] !== b[0]) return `${target} has lora_a rank ${a[1]} but lora_b rank ${b[0]}`;
    if (a[0] !== w[0] || b[1] !== w[1]) {
      return `${target} is [${w.join(', ')}] in the model but the adapter expects [${a[0]}, ${b[1]}]`;
    }
    pairs++;
  }
  for (const name of adapter.tensors.keys()) {
    if (name.endsWith(LORA_B) && !adapter.tensors.has(name.slice(0, -LORA_B.length) + LORA_A)) return `tensor ${name} has no matching lora_a`;
  }
  if (pairs === 0) return 'it contains no LoRA tensors';
  return undefined;
}
