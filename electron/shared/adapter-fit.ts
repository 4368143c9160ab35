/**
 * How an adapter's fit with the chat model reads, in the Models view and in `trove models adapters`: a short
 * badge ("fits qwen.gguf", "for llama, not qwen2") and, when it cannot be attached, the reason in one sentence.
 */

export interface AdapterFitFacts {
  readonly fits: boolean;
  readonly chatModel: string | null | undefined;
  readonly chatArchitecture: string | null | undefined;
  readonly problem: string | null | undefined;
}

export function adapterFitLabel(fit: AdapterFitFacts, baseArchitecture: string | null | undefined): string {
  if (!fit.chatModel) return 'no chat model';
  if (fit.fits) return `fits ${fileName(fit.chatModel)}`;
  if (baseArchitecture && fit.chatArchitecture && baseArchitecture !== fit.chatArchitecture) return `for ${baseArchitecture}, not ${fit.chatArchitecture}`;
  return `does not fit ${fileName(fit.chatModel)}`;
}

/** Why the adapter cannot be attached now, or null when it can. */
export function adapterFitReason(fit: AdapterFitFacts): string | null {
  if (fit.fits) return null;
  if (!fit.chatModel) return 'Choose a chat model before attaching LoRA adapters.';
  return `Does not fit ${fileName(fit.chatModel)}: ${fit.problem ?? 'its tensors do not match'}.`;
}

/** The last path segment, for POSIX and Windows paths alike (this module also runs in the window, without node:path). */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
