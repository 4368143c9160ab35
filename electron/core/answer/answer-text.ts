/** The fixed texts Trove answers with when the model does not (or must not) answer. */
import { formatSource, type PromptSource } from './prompt.ts';

export const NOT_COVERED = 'The indexed documents do not cover this question.';

export const NO_MODEL_NOTICE =
  'No chat model configured: showing the best passages instead of an answer. ' +
  'Add a model with `trove ask --model <file.gguf> "<question>"` (it is remembered for later questions).';

/** An extractive answer: the best passages, each under its citation number. */
export function extractiveAnswer(sources: readonly PromptSource[]): string {
  return sources.map(formatSource).join('\n\n');
}
