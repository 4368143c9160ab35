/** The compute backends a user can ask for. No node-llama-cpp here: the CLI parses --backend before any model work. */
import { TroveError } from '../../electron/core/errors.ts';

/** A compute backend llama.cpp can run on. */
export type LlamaBackend = 'cuda' | 'vulkan' | 'metal' | 'cpu';
/** What the user asks for: a backend, or 'auto' = the best GPU that works, else the CPU. */
export type BackendChoice = 'auto' | LlamaBackend;

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'cuda', 'vulkan', 'metal', 'cpu'];

export function parseBackendChoice(value: string): BackendChoice {
  const v = value.trim().toLowerCase();
  if ((BACKEND_CHOICES as readonly string[]).includes(v)) return v as BackendChoice;
  throw new TroveError('INVALID_ARGUMENT', `Unknown backend "${value}": use one of ${BACKEND_CHOICES.join(', ')}.`);
}
