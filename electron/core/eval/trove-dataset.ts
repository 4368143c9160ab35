/**
 * Trove's own evaluation format for a user's folders: JSON Lines of
 * `{"question", "expected": ["path" | "path:start-end" | "path:line"], "answer"?: string, "answerable"?: boolean}`.
 * Relative paths are resolved against the dataset file's folder. A hit matches an expected entry when it is
 * the same file and, if lines are given, its lines overlap them.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { TroveError } from '../errors.ts';
import type { EvalDataset, EvalQuestion } from './dataset.ts';

interface ExpectedSpan {
  readonly key: string;
  readonly path: string;
  readonly startLine?: number;
  readonly endLine?: number;
}

const SPAN = /^(.*?):(\d+)(?:-(\d+))?$/;

export function parseExpected(entry: string, baseDir: string): ExpectedSpan {
  const match = SPAN.exec(entry);
  if (!match) return { key: entry, path: resolve(baseDir, entry) };
  const [, path = '', start = '', end] = match;
  const startLine = Number(start);
  return { key: entry, path: resolve(baseDir, path), startLine, endLine: end === undefined ? startLine : Number(end) };
}

export async function loadTroveDataset(file: string): Promise<EvalDataset> {
  const baseDir = dirname(resolve(file));
  const text = await readFile(file, 'utf8').catch(() => {
    throw new TroveError('INVALID_ARGUMENT', `Cannot read the evaluation file ${file}`);
  });
  const spans: ExpectedSpan[] = [];
  const questions: EvalQuestion[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const row = parseRow(line, file, index + 1);
    const expected = (row.expected ?? []).map((entry) => parseExpected(entry, baseDir));
    spans.push(...expected);
    questions.push({
      id: String(index + 1),
      text: row.question,
      judgments: new Map(expected.map((span) => [span.key, 1])),
      answerable: row.answerable ?? expected.length > 0,
      referenceAnswer: row.answer,
    });
  }
  return {
    name: basename(file),
    kind: 'trove',
    questions,
    hitId(hit) {
      const span = spans.find(
        (s) => s.path === hit.path && (s.startLine === undefined || (hit.startLine <= (s.endLine ?? s.startLine) && hit.endLine >= s.startLine)),
      );
      return span?.key ?? hit.path;
    },
  };
}

interface Row {
  question: string;
  expected?: string[];
  answer?: string;
  answerable?: boolean;
}

function parseRow(line: string, file: string, lineNumber: number): Row {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new TroveError('INVALID_ARGUMENT', `${file}:${lineNumber} is not valid JSON`);
  }
  const row = value as Partial<Row>;
  if (typeof row.question !== 'string' || row.question.trim() === '') {
    throw new TroveError('INVALID_ARGUMENT', `${file}:${lineNumber} needs a "question" string`);
  }
  if (row.expected !== undefined && (!Array.isArray(row.expected) || row.expected.some((e) => typeof e !== 'string'))) {
    throw new TroveError('INVALID_ARGUMENT', `${file}:${lineNumber}: "expected" must be a list of paths or path:lines`);
  }
  return row as Row;
}
