/**
 * One line of a Trove dataset, checked: a header naming the corpus, a question, or a conversation whose last
 * turn is scored. A bad line is refused with one message that says where and what (see scripts/eval/devsets/FORMAT.md).
 */
import { TroveError } from '../errors.ts';

export interface HeaderRow {
  readonly type: 'header';
  /** A folder or a single file to index into a throwaway data directory, relative to the dataset file or absolute. */
  readonly corpus?: string;
  readonly name?: string;
}

export interface QuestionRow {
  readonly type: 'question';
  readonly id?: string;
  readonly question: string;
  readonly expected: readonly string[];
  readonly answer?: string;
  readonly answerable?: boolean;
}

export interface ConversationRow {
  readonly type: 'conversation';
  readonly id?: string;
  /** Earlier turns, in order: what was asked, and the reference answer when given. */
  readonly previous: readonly { readonly question: string; readonly answer?: string }[];
  /** The follow-up (last turn), scored against `expected`. */
  readonly followUp: string;
  /** The follow-up asked on its own, scored against the same `expected` for comparison. */
  readonly standalone: string;
  readonly expected: readonly string[];
}

export type TroveRow = HeaderRow | QuestionRow | ConversationRow;

/** Parses a line; `where` is `file:line`, put in front of every message of the TroveError it throws. */
export function parseTroveRow(line: string, where: string, isFirst: boolean): TroveRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new TroveError('INVALID_ARGUMENT', `${where} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TroveError('INVALID_ARGUMENT', `${where}: a row must be a JSON object`);
  const row = value as Record<string, unknown>;
  const fail = (message: string): never => {
    throw new TroveError('INVALID_ARGUMENT', `${where}: ${message}`);
  };
  const id = row.id === undefined ? undefined : typeof row.id === 'string' && row.id !== '' ? row.id : fail('"id" must be a non-empty string');
  if ('turns' in row) return conversationRow(row, id, fail);
  if ('question' in row) return questionRow(row, id, fail);
  if ('corpus' in row || 'name' in row) {
    if (!isFirst) fail('a header row (with "corpus" or "name") must be the first row');
    const corpus = optionalString(row.corpus, '"corpus" must be a non-empty path', fail);
    const name = optionalString(row.name, '"name" must be a non-empty string', fail);
    return { type: 'header', corpus, name };
  }
  return fail('needs a "question" string (or "turns" for a conversation)');
}

function questionRow(row: Record<string, unknown>, id: string | undefined, fail: (message: string) => never): QuestionRow {
  const question = requiredText(row.question, 'needs a "question" string', fail);
  const expected = expectedList(row.expected, fail);
  const answer = optionalString(row.answer, '"answer" must be a string', fail);
  if (row.answerable !== undefined && typeof row.answerable !== 'boolean') fail('"answerable" must be true or false');
  const answerable = row.answerable as boolean | undefined;
  return { type: 'question', id, question, expected, answer, answerable };
}

function conversationRow(row: Record<string, unknown>, id: string | undefined, fail: (message: string) => never): ConversationRow {
  const turns = row.turns;
  if (!Array.isArray(turns) || turns.length < 2) fail('"turns" must be a list of at least two {"question": …} objects');
  const parsed = (turns as unknown[]).map((turn, index) => {
    if (typeof turn !== 'object' || turn === null) return fail(`turn ${index + 1} must be an object with a "question"`);
    const t = turn as Record<string, unknown>;
    return {
      question: requiredText(t.question, `turn ${index + 1} needs a "question" string`, fail),
      answer: optionalString(t.answer, `turn ${index + 1}: "answer" must be a string`, fail),
      expected: t.expected,
    };
  });
  const last = parsed[parsed.length - 1] as (typeof parsed)[number];
  const expected = expectedList(last.expected, fail);
  if (expected.length === 0) fail('the last turn of a conversation needs "expected" spans');
  const standalone = requiredText(row.standalone, 'a conversation needs "standalone": the last question asked on its own', fail);
  const previous = parsed.slice(0, -1).map(({ question, answer }) => (answer === undefined ? { question } : { question, answer }));
  return { type: 'conversation', id, previous, followUp: last.question, standalone, expected };
}

function expectedList(value: unknown, fail: (message: string) => never): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((e) => typeof e !== 'string')) {
    return fail('"expected" must be a list of "path", "path:start-end" or "path#page=N" strings');
  }
  return value as string[];
}

function requiredText(value: unknown, message: string, fail: (message: string) => never): string {
  return typeof value === 'string' && value.trim() !== '' ? value : fail(message);
}

function optionalString(value: unknown, message: string, fail: (message: string) => never): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' && value !== '' ? value : fail(message);
}
