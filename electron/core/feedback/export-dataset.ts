/**
 * `trove feedback export`: approved answers → a fine-tuning dataset (training file), a held-out split beside it
 * in the same format, and the held-out split as a `trove eval` dataset, written all or nothing; with a summary.
 */
import { resolve } from 'node:path';
import { TroveError } from '../errors.ts';
import type { FeedbackService } from './feedback-service.ts';
import { evalLine, splitExamples, trainingExamples, trainingLine, type ExportFormat, type TrainingExample, EXPORT_FORMATS } from './training-examples.ts';
import { writeFilesAtomically } from './write-files.ts';

export const DEFAULT_HELD_OUT_SHARE = 0.1;

export interface ExportOptions {
  /** The training file; the held-out files are named after it. */
  readonly out: string;
  readonly format?: ExportFormat;
  /** Share of questions held out, 0 to below 1. Default 0.1. */
  readonly split?: number;
  /** Only feedback given at or after this time (ms since the epoch). */
  readonly since?: number;
}

export interface ExportSummary {
  readonly format: ExportFormat;
  readonly files: { readonly train: string; readonly heldOut: string; readonly heldOutEval: string };
  readonly approved: number;
  readonly duplicatesRemoved: number;
  readonly train: number;
  readonly heldOut: number;
  /** Examples per indexed folder their sources came from (an example citing two folders counts in both). */
  readonly perFolder: Record<string, number>;
  /** Examples per model and adapters. */
  readonly perConfiguration: Record<string, number>;
}

/** `data.jsonl` → `data.heldout.jsonl` and `data.heldout.eval.jsonl`. */
export function heldOutPaths(out: string): { heldOut: string; heldOutEval: string } {
  const base = out.replace(/\.jsonl?$/i, '');
  return { heldOut: `${base}.heldout.jsonl`, heldOutEval: `${base}.heldout.eval.jsonl` };
}

export async function exportDataset(feedback: FeedbackService, options: ExportOptions): Promise<ExportSummary> {
  const format = options.format ?? 'chat-jsonl';
  if (!EXPORT_FORMATS.includes(format)) throw new TroveError('INVALID_ARGUMENT', `--format must be ${EXPORT_FORMATS.join(' or ')}, not ${String(format)}`);
  const share = options.split ?? DEFAULT_HELD_OUT_SHARE;
  if (!(share >= 0 && share < 1)) throw new TroveError('INVALID_ARGUMENT', `--split must be a share from 0 to below 1 (e.g. 0.1), not ${share}`);
  const approved = await feedback.approved(options.since ?? 0);
  const { examples, duplicates } = trainingExamples(approved);
  const { train, heldOut } = splitExamples(examples, share);
  const out = resolve(options.out);
  const paths = heldOutPaths(out);
  await writeFilesAtomically(
    new Map([
      [out, lines(train, (e) => trainingLine(e, format))],
      [paths.heldOut, lines(heldOut, (e) => trainingLine(e, format))],
      [paths.heldOutEval, lines(heldOut, evalLine)],
    ]),
  );
  return {
    format,
    files: { train: out, ...paths },
    approved: approved.length,
    duplicatesRemoved: duplicates,
    train: train.length,
    heldOut: heldOut.length,
    perFolder: countBy(examples, (e) => e.metadata.folders),
    perConfiguration: countBy(examples, (e) => [e.metadata.configuration]),
  };
}

function lines(examples: readonly TrainingExample[], line: (example: TrainingExample) => string): string {
  return examples.map((e) => `${line(e)}\n`).join('');
}

function countBy(examples: readonly TrainingExample[], keys: (example: TrainingExample) => readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const example of examples) for (const key of keys(example)) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}
