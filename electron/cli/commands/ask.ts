/**
 * `trove ask "<question>"`: a streamed answer from the indexed documents, with checked citations. Every question
 * is part of a conversation (a new one, or `--conversation <id>`), so a follow-up is searched with its context.
 */
import { formatSpan } from '../../core/answer/prompt.ts';
import type { AskResult } from '../../core/answer/types.ts';
import { conversationIdOf, converseOptions } from '../../api/requests.ts';
import { conversedJson } from '../../api/result-json.ts';
import type { AnswerModelOptions } from '../../core/models/llama-generator-open.ts';
import type { SearchMode } from '../../core/search/searcher.ts';
import { forTerminal } from '../emphasis.ts';
import { searchedFor } from '../../shared/searched-for.ts';
import { printJson, withEngine, type GlobalOptions } from './open.ts';

export { parseAdapter, parseNumber } from '../option-parsers.ts';

export interface AskCommandOptions extends GlobalOptions {
  readonly model?: string;
  readonly adapter?: { path: string; scale: number }[];
  readonly reranker?: string;
  readonly temperature?: number;
  readonly seed?: number;
  readonly k?: number;
  readonly mode: SearchMode;
  /** commander's --no-retrieval sets this to false. */
  readonly retrieval: boolean;
  readonly maxTokens?: number;
  readonly folder?: string[];
  /** Continue this conversation (its id, as `--json` printed it). */
  readonly conversation?: string;
  /** Two configurations to answer with side by side (ask-compare.ts). */
  readonly compare?: string[];
}

/** Asks one question in a new conversation or, with --conversation, as the next question of one. */
export async function runAsk(question: string, options: AskCommandOptions): Promise<void> {
  if (options.compare !== undefined) return (await import('./ask-compare.ts')).runCompare(question, options.compare, options);
  const conversationId = conversationIdOf(options.conversation);
  await withEngine({ ...options, loadEmbedder: loadsEmbedder(options), answerModels: answerModelsOf(options), sharedStore: 'supported' }, async (engine) => {
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    const streaming = !options.json && engine.generator !== undefined;
    try {
      if (streaming && !options.retrieval) process.stdout.write('(Model only: not from your documents)\n');
      const outcome = await engine.converse(conversationId, question, converseOptions(engine, options), {
        signal: controller.signal,
        onToken: streaming ? (text) => process.stdout.write(text) : undefined,
        onQuery: options.json ? undefined : (query) => printSearchedFor(question, query.text),
      });
      if (options.json) printJson(conversedJson(outcome));
      else printForPeople(outcome.result, streaming);
      if (outcome.result.aborted) process.exitCode = 130;
    } finally {
      process.off('SIGINT', stop);
    }
  });
}

export function answerModelsOf(options: AskCommandOptions): AnswerModelOptions {
  return { chatModelPath: options.model, adapters: options.adapter ?? [], rerankModelPath: options.reranker };
}

export function loadsEmbedder(options: AskCommandOptions): boolean {
  return options.retrieval && options.mode !== 'bm25';
}

/** "Searched for: …" before the answer, when a follow-up was searched with more than its own words. */
export function printSearchedFor(question: string, query: string): void {
  const shown = searchedFor(question, query);
  if (shown !== null) process.stdout.write(`Searched for: ${shown}\n`);
}

/** `shownNotices`: notices already printed (a chat says each once); new ones are added to it. */
export function printForPeople(result: AskResult, streamed: boolean, shownNotices = new Set<string>()): void {
  for (const notice of result.notices) {
    if (!shownNotices.has(notice)) process.stderr.write(`trove: ${notice}\n`);
    shownNotices.add(notice);
  }
  // A streamed answer is already on screen (with invalid citations held back); print only what follows it.
  if (!streamed || result.kind === 'abstained') process.stdout.write(`${result.kind === 'extractive' ? forTerminal(result.answer, process.stdout) : result.answer}\n`);
  else process.stdout.write('\n');
  if (result.kind === 'generated' && result.citations.length > 0) {
    process.stdout.write(`\nSources:\n${result.citations.map((c) => `  [${c.n}] ${formatSpan(c)}${c.stale ? '  (changed since indexed)' : ''}`).join('\n')}\n`);
  }
  if (result.removedCitations > 0) process.stderr.write(`trove: removed ${result.removedCitations} citation(s) of sources the model was not given\n`);
  if (result.aborted) process.stderr.write('trove: answer stopped\n');
}

/** `--adapter file.gguf` or `--adapter file.gguf:0.5` (repeatable). The scale is the text after the last colon. */
