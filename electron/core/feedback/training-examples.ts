/**
 * Approved answers → training examples: the prompt exactly as the model was given it (instructions, numbered
 * sources with their text after redaction, the question), the approved or corrected answer, and its citations.
 * Duplicates (same prompt, same answer) are written once; examples are split into training and held-out sets by a
 * hash of the question, so a question stays on the same side as the dataset grows and never leaks across.
 */
import { createHash } from 'node:crypto';
import { groundedMessages, ungroundedMessages } from '../answer/prompt.ts';
import type { ChatMessage } from '../answer/ports.ts';
import type { GivenSource, StoredAnswer } from './types.ts';
import { alpacaLineSchema, chatJsonlLineSchema, type TrainingMetadata } from './training-line.ts';

export type ExportFormat = 'chat-jsonl' | 'alpaca';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['chat-jsonl', 'alpaca'];

export interface TrainingExample {
  readonly question: string;
  readonly system: string;
  readonly user: string;
  readonly answer: string;
  readonly metadata: TrainingMetadata;
  /** The source given to the model behind each citation, for the held-out evaluation rows. */
  readonly cited: readonly GivenSource[];
  readonly sources: readonly GivenSource[];
  readonly abstained: boolean;
}

export interface Examples {
  readonly examples: TrainingExample[];
  readonly duplicates: number;
}

/** One example per distinct prompt and answer; the latest approval wins among duplicates. */
export function trainingExamples(approved: readonly StoredAnswer[]): Examples {
  const byKey = new Map<string, TrainingExample>();
  let duplicates = 0;
  for (const answer of approved) {
    const example = exampleOf(answer);
    const key = sha256(`${example.system}\u0000${example.user}\u0000${normalized(example.answer)}`);
    if (byKey.has(key)) {
      duplicates++;
      byKey.delete(key);
    }
    byKey.set(key, example);
  }
  return { examples: [...byKey.values()], duplicates };
}

function exampleOf(stored: StoredAnswer): TrainingExample {
  const corrected = stored.feedback?.correctedAnswer ?? null;
  const answer = corrected ?? stored.answer;
  const messages: ChatMessage[] = stored.kind === 'ungrounded' ? ungroundedMessages(stored.question) : groundedMessages(stored.question, stored.sources);
  const byNumber = new Map(stored.sources.map((s) => [s.n, s]));
  // A correction cites by the same numbers as the sources it was given; numbers not given are not citations.
  const numbers = corrected === null ? stored.citations : citedNumbers(corrected);
  const cited = [...new Set(numbers)].flatMap((n) => byNumber.get(n) ?? []);
  return {
    question: stored.question,
    system: (messages[0] as ChatMessage).text,
    user: (messages[1] as ChatMessage).text,
    answer,
    metadata: {
      answerId: String(stored.id),
      citations: cited.map((s) => ({ n: s.n, path: s.path, startLine: s.startLine, endLine: s.endLine, page: s.page })),
      folders: [...stored.folders],
      configuration: configurationLabel(stored.configuration),
      corrected: corrected !== null,
    },
    cited,
    sources: stored.sources,
    abstained: stored.kind === 'abstained' && corrected === null,
  };
}

/** "tiny-llama.gguf + style.gguf@0.8", or "extractive" when no chat model wrote the answer. */
export function configurationLabel(configuration: StoredAnswer['configuration']): string {
  if (configuration.model === null) return 'extractive';
  const adapters = configuration.adapters.map((a) => `${basenameOf(a.path)}@${a.scale}`);
  return [configuration.model, ...adapters].join(' + ');
}

function citedNumbers(text: string): number[] {
  return [...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
}

/**
 * The examples held out: those whose question hashes below `share`. With two questions or more, at least one is
 * held out and at least one is left for training; with one question, everything is for training.
 */
export function splitExamples(examples: readonly TrainingExample[], share: number): { train: TrainingExample[]; heldOut: TrainingExample[] } {
  const position = (question: string) => parseInt(sha256(question).slice(0, 8), 16) / 0x1_0000_0000;
  const questions = [...new Set(examples.map((e) => normalized(e.question)))].sort((a, b) => position(a) - position(b));
  let held = questions.filter((q) => position(q) < share);
  if (share > 0 && held.length === 0 && questions.length >= 2) held = questions.slice(0, 1);
  if (held.length === questions.length) held = held.slice(0, -1);
  const heldOut = new Set(held);
  return { train: examples.filter((e) => !heldOut.has(normalized(e.question))), heldOut: examples.filter((e) => heldOut.has(normalized(e.question))) };
}

/** One line of the dataset file, checked against its schema. */
export function trainingLine(example: TrainingExample, format: ExportFormat): string {
  const line =
    format === 'alpaca'
      ? alpacaLineSchema.parse({ instruction: example.system, input: example.user, output: example.answer, metadata: example.metadata })
      : chatJsonlLineSchema.parse({
          messages: [
            { role: 'system', content: example.system },
            { role: 'user', content: example.user },
            { role: 'assistant', content: example.answer },
          ],
          metadata: example.metadata,
        });
  return JSON.stringify(line);
}

/**
 * A `trove eval` question row (scripts/eval/devsets/FORMAT.md): the question, the approved answer as reference,
 * and as gold the passages it cites (every source given, when it cites none). An approved "not covered" is unanswerable.
 */
export function evalLine(example: TrainingExample): string {
  if (example.abstained) return JSON.stringify({ id: `answer-${example.metadata.answerId}`, question: example.question, answerable: false });
  const gold = (example.cited.length > 0 ? example.cited : example.sources).map(goldSpan);
  return JSON.stringify({
    id: `answer-${example.metadata.answerId}`,
    question: example.question,
    ...(gold.length > 0 ? { expected: [...new Set(gold)] } : {}),
    answer: example.answer,
  });
}

function goldSpan(source: GivenSource): string {
  if (source.page !== null) return `${source.path}#page=${source.page}`;
  return source.startLine === source.endLine ? `${source.path}:${source.startLine}` : `${source.path}:${source.startLine}-${source.endLine}`;
}

function normalized(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function basenameOf(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}
