/**
 * The prompt of a grounded answer: the instructions, then the sources numbered [1]..[n] with where they come
 * from, then the question. Pure text: the generator applies the model's own chat template to these messages.
 */
import type { TextOrigin } from '../types.ts';
import type { ChatMessage } from './ports.ts';
import { spanRef } from '../span-ref.ts';

/** A retrieved passage as the model sees it. */
export interface PromptSource {
  /** 1-based number the answer cites as [n]. */
  readonly n: number;
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly page: number | null;
  readonly heading: string;
  readonly text: string;
  /** `ocr` when the passage was read from a scanned page or an image. */
  readonly origin?: TextOrigin | null;
}

/**
 * The sentence asked for when the sources do not answer is answer-text.ts's NOT_COVERED, word for word (a test
 * holds them equal; importing it here would make the two modules import each other): abstention.ts
 * recognises it, and its paraphrases, and reports the answer as abstained.
 */
export const GROUNDED_INSTRUCTIONS =
  'You are Trove, an assistant that answers questions from the user\'s own documents. ' +
  'Answer only from the numbered sources. After each statement, cite the sources it comes from by number in ' +
  'square brackets, like [1] or [2][3]. If the sources do not contain the answer, reply with exactly this ' +
  'sentence and nothing else: The indexed documents do not cover this question. Be brief.';

export const UNGROUNDED_INSTRUCTIONS =
  'You are Trove, a helpful assistant. No documents were searched for this question: answer from general ' +
  'knowledge, be brief, and do not cite sources.';

/**
 * "notes/a.md:3-7", "report.pdf#page=2", "deck.pptx#slide=4": the span a citation points to (span-ref.ts); text
 * read by OCR says so, with its page ("scan.pdf#page=3 (p. 3, OCR)", "photo.png:1-4 (OCR)").
 */
export function formatSpan(
  source: Pick<PromptSource, 'path' | 'startLine' | 'endLine' | 'page' | 'origin'> & { readonly heading?: string | null },
): string {
  const span = spanRef(source);
  if (source.origin !== 'ocr') return span;
  return `${span} (${source.page === null ? '' : `p. ${source.page}, `}OCR)`;
}

/** One source block: a header line with number, span and heading, then the passage text. */
export function formatSource(source: PromptSource): string {
  const heading = source.heading ? ` (${source.heading})` : '';
  return `[${source.n}] ${formatSpan(source)}${heading}\n${source.text.trim()}`;
}

export function groundedMessages(question: string, sources: readonly PromptSource[]): ChatMessage[] {
  const body = sources.map(formatSource).join('\n\n');
  return [
    { role: 'system', text: GROUNDED_INSTRUCTIONS },
    { role: 'user', text: `Sources:\n\n${body}\n\nQuestion: ${question.trim()}` },
  ];
}

export function ungroundedMessages(question: string): ChatMessage[] {
  return [
    { role: 'system', text: UNGROUNDED_INSTRUCTIONS },
    { role: 'user', text: question.trim() },
  ];
}
