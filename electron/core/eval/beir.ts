/**
 * BEIR datasets (corpus.jsonl, queries.jsonl, qrels/<split>.tsv). The corpus is written out as one Markdown
 * file per document (title as the heading) so it goes through Trove's real pipeline — extraction, chunking,
 * the analyser — exactly like a user's folder would.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { TroveError } from '../errors.ts';
import type { EvalDataset, EvalQuestion } from './dataset.ts';

/** Loads the queries of `split` that have judgments; the corpus is read later, by materializeCorpus. */
export async function loadBeirDataset(dir: string, split = 'test'): Promise<EvalDataset> {
  const qrels = parseQrels(await readText(join(dir, 'qrels', `${split}.tsv`)));
  const questions: EvalQuestion[] = [];
  for await (const line of lines(join(dir, 'queries.jsonl'))) {
    const query = JSON.parse(line) as { _id: string; text: string };
    const judgments = qrels.get(String(query._id));
    if (judgments) questions.push({ id: String(query._id), text: query.text, judgments, answerable: true });
  }
  return {
    name: basename(dir),
    kind: 'beir',
    questions,
    corpusFolder: dir,
    hitId: (hit) => idFromFileName(basename(hit.path)),
  };
}

/** Writes each corpus document as `<folder>/<id>.md`; returns how many were written. */
export async function materializeCorpus(dir: string, folder: string): Promise<number> {
  await mkdir(folder, { recursive: true });
  let count = 0;
  for await (const line of lines(join(dir, 'corpus.jsonl'))) {
    const doc = JSON.parse(line) as { _id: string; title?: string; text?: string };
    const title = (doc.title ?? '').trim();
    await writeFile(join(folder, `${fileNameFor(String(doc._id))}.md`), `${title ? `# ${title}\n\n` : ''}${doc.text ?? ''}\n`);
    count += 1;
  }
  return count;
}

/** BEIR ids are free text: keep them readable in file names, but safe on every filesystem. */
export function fileNameFor(id: string): string {
  return encodeURIComponent(id).replace(/\./g, '%2E');
}

export function idFromFileName(name: string): string {
  return decodeURIComponent(name.replace(/\.md$/, ''));
}

function parseQrels(text: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>();
  for (const [index, line] of text.split('\n').entries()) {
    const [queryId, docId, score] = line.trim().split('\t');
    if (!queryId || !docId || score === undefined || (index === 0 && queryId === 'query-id')) continue;
    const judgments = qrels.get(queryId) ?? new Map<string, number>();
    judgments.set(docId, Number(score));
    qrels.set(queryId, judgments);
  }
  return qrels;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new TroveError('INVALID_ARGUMENT', `${path} is missing: a BEIR dataset needs corpus.jsonl, queries.jsonl and qrels/<split>.tsv`);
  }
}

async function* lines(path: string): AsyncGenerator<string> {
  const input = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of input) if (line.trim() !== '') yield line;
}
