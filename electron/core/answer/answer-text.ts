/** The fixed texts Trove answers with when the model does not (or must not) answer. */
import { markTerms } from './mark-terms.ts';
import { formatSource, type PromptSource } from './prompt.ts';

export const NOT_COVERED = 'The indexed documents do not cover this question.';

export const NO_MODEL_NOTICE =
  'No chat model configured: showing the best passages instead of an answer. ' +
  'Add a model with `trove ask --model <file.gguf> "<question>"` (it is remembered for later questions).';

/**
 * An extractive answer: the best passages (focused on the question), each under its citation number, with the
 * words that match the question's terms marked in Markdown bold.
 */
export function extractiveAnswer(sources: readonly PromptSource[], queryTerms: readonly string[] = []): string {
  return sources.map((source) => formatSource({ ...source, text: markTerms(source.text, queryTerms) })).join('\n\n');
}
