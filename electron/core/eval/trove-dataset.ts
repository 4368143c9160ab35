/**
 * Trove's own evaluation format (JSON Lines; the full description is in scripts/eval/devsets/FORMAT.md):
 * - an optional first row `{"corpus": "<folder or file>", "name"?}`: the documents to index into a throwaway
 *   data directory (as BEIR datasets are) instead of evaluating against the user's index;
 * - question rows `{"id"?, "question", "expected": [span…], "answer"?, "answerable"?}`, where a span is
 *   `path`, `path:start-end` (source lines) or `path#page=N[-M]` (PDF pages);
 * - conversation rows `{"id"?, "turns": [{"question", "answer"?}…, {"question", "expected"}], "standalone"}`:
 *   the last turn is scored as a follow-up and, asked on its own, as `standalone`.
 * Gold paths are relative to the corpus root (the folder, or a single file's own folder) when a corpus is named,
 * else to the dataset file's folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { TroveError } from '../errors.ts';
import type { EvalConversation, EvalDataset, EvalQuestion } from './dataset.ts';
import { parseGoldSpan, spanMatches, type GoldSpan } from './gold-span.ts';
import { parseTroveRow, type ConversationRow, type QuestionRow, type TroveRow } from './trove-row.ts';

export async function loadTroveDataset(file: string): Promise<EvalDataset> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new TroveError('INVALID_ARGUMENT', `Cannot read the evaluation file ${file}`);
  });
  const rows: { row: TroveRow; where: string; lineNumber: number }[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const where = `${file}:${index + 1}`;
    rows.push({ row: parseTroveRow(line, where, rows.length === 0), where, lineNumber: index + 1 });
  }
  const header = rows[0]?.row.type === 'header' ? rows[0].row : undefined;
  const datasetDir = dirname(resolve(file));
  const corpusPath = header?.corpus === undefined ? undefined : resolve(datasetDir, header.corpus);
  const corpusIsFile = corpusPath === undefined ? false : await isFile(corpusPath, file);
  const build = (root: string): EvalDataset => {
    const spans: GoldSpan[] = [];
    const goldOf = (expected: readonly string[], where: string) =>
      expected.map((entry) => {
        const span = parseGoldSpan(entry, root);
        if (typeof span === 'string') throw new TroveError('INVALID_ARGUMENT', `${where}: ${span}`);
        spans.push(span);
        return span;
      });
    const questions: EvalQuestion[] = [];
    const conversations: EvalConversation[] = [];
    for (const { row, where, lineNumber } of rows) {
      if (row.type === 'question') questions.push(questionOf(row, goldOf(row.expected, where), lineNumber));
      if (row.type === 'conversation') conversations.push(conversationOf(row, goldOf(row.expected, where), lineNumber));
    }
    const dataset: EvalDataset = {
      name: header?.name ?? basename(file),
      kind: 'trove',
      questions,
      conversations,
      hitId(hit, judgments) {
        const own = judgments && spans.find((span) => judgments.has(span.key) && spanMatches(span, hit));
        return (own || spans.find((span) => spanMatches(span, hit)))?.key ?? hit.path;
      },
      ...(corpusPath === undefined ? {} : { corpus: { path: corpusPath, isFile: corpusIsFile, atRoot: build } }),
    };
    return dataset;
  };
  return build(corpusPath === undefined ? datasetDir : corpusIsFile ? dirname(corpusPath) : corpusPath);
}

function questionOf(row: QuestionRow, gold: readonly GoldSpan[], lineNumber: number): EvalQuestion {
  return {
    id: row.id ?? String(lineNumber),
    text: row.question,
    judgments: new Map(gold.map((span) => [span.key, 1])),
    answerable: row.answerable ?? gold.length > 0,
    referenceAnswer: row.answer,
  };
}

function conversationOf(row: ConversationRow, gold: readonly GoldSpan[], lineNumber: number): EvalConversation {
  return {
    id: row.id ?? String(lineNumber),
    previous: row.previous,
    followUp: row.followUp,
    standalone: row.standalone,
    judgments: new Map(gold.map((span) => [span.key, 1])),
  };
}

async function isFile(path: string, datasetFile: string): Promise<boolean> {
  const stats = await stat(path).catch(() => {
    throw new TroveError('INVALID_ARGUMENT', `${datasetFile}: the corpus ${path} does not exist`);
  });
  return stats.isFile();
}
