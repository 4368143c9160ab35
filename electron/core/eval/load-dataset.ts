/** Opens an evaluation dataset by its shape: a BEIR folder (corpus.jsonl…) or a Trove JSON Lines file. */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TroveError } from '../errors.ts';
import { loadBeirDataset } from './beir.ts';
import type { EvalDataset } from './dataset.ts';
import { loadTroveDataset } from './trove-dataset.ts';

export async function loadDataset(path: string, options: { split?: string; limit?: number } = {}): Promise<EvalDataset> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new TroveError('INVALID_ARGUMENT', `The dataset ${absolute} does not exist`);
  const dataset = statSync(absolute).isDirectory()
    ? existsSync(join(absolute, 'corpus.jsonl'))
      ? await loadBeirDataset(absolute, options.split)
      : invalid(absolute)
    : await loadTroveDataset(absolute);
  if (options.limit === undefined) return dataset;
  return { ...dataset, questions: dataset.questions.slice(0, options.limit), hitId: dataset.hitId };
}

function invalid(path: string): never {
  throw new TroveError('INVALID_ARGUMENT', `${path} is neither a BEIR folder (corpus.jsonl, queries.jsonl, qrels/) nor a Trove .jsonl file`);
}
