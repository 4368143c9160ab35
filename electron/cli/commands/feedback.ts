/**
 * `trove feedback <answerId> good|bad [--answer-file F]`: marks an answer (its id is in `trove ask --json`),
 * optionally with a corrected answer; `trove feedback export [--format chat-jsonl|alpaca] [--split 0.1]
 * [--since …] [--out F]`: writes the approved answers as a fine-tuning dataset with a held-out split.
 */
import { readFile } from 'node:fs/promises';
import { parseSince } from '../../core/audit/audit-log.ts';
import { TroveError } from '../../core/errors.ts';
import type { ExportSummary } from '../../core/feedback/export-dataset.ts';
import type { ExportFormat } from '../../core/feedback/training-examples.ts';
import { printJson, withEngine, type GlobalOptions } from './open.ts';

export interface FeedbackOptions extends GlobalOptions {
  readonly answerFile?: string;
  readonly format?: ExportFormat;
  readonly split?: number;
  readonly since?: string;
  readonly out?: string;
}

export const DEFAULT_EXPORT_FILE = 'trove-training.jsonl';

export async function runFeedback(target: string, verdict: string | undefined, options: FeedbackOptions): Promise<void> {
  if (target === 'export') return runExport(verdict, options);
  if (verdict !== 'good' && verdict !== 'bad') throw new TroveError('INVALID_ARGUMENT', `trove feedback ${target} needs good or bad, not ${verdict ?? 'nothing'}`);
  if (!/^\d+$/.test(target)) throw new TroveError('INVALID_ARGUMENT', `${target} is not an answer id (a number, as \`trove ask --json\` prints it)`);
  const corrected = options.answerFile === undefined ? undefined : await readAnswerFile(options.answerFile);
  await withEngine({ ...options, sharedStore: 'local-only' }, async (engine) => {
    const marked = await engine.recordFeedback(Number(target), verdict, corrected);
    if (options.json) {
      printJson({ answerId: String(marked.id), verdict, corrected: corrected !== undefined });
      return;
    }
    const approved = verdict === 'good' || corrected !== undefined;
    process.stdout.write(`Answer ${marked.id} marked ${verdict}${corrected !== undefined ? ' with a corrected answer' : ''}${approved ? ' (it will be exported as training data)' : ''}.\n`);
  });
}

async function runExport(extra: string | undefined, options: FeedbackOptions): Promise<void> {
  if (extra !== undefined) throw new TroveError('INVALID_ARGUMENT', `trove feedback export takes no ${extra}; name the file with --out`);
  const since = options.since === undefined ? undefined : parseSince(options.since, Date.now());
  await withEngine({ ...options, sharedStore: 'local-only' }, async (engine) => {
    const summary = await engine.exportFeedback({ out: options.out ?? DEFAULT_EXPORT_FILE, format: options.format, split: options.split, since });
    if (options.json) printJson(summary);
    else process.stdout.write(forPeople(summary));
  });
}

async function readAnswerFile(file: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => {
    throw new TroveError('INVALID_ARGUMENT', `Cannot read the corrected answer from ${file}`);
  });
}

function forPeople(summary: ExportSummary): string {
  const counts = (record: Record<string, number>) => Object.entries(record).map(([key, n]) => `  ${n}  ${key}`);
  return [
    `${summary.train + summary.heldOut} examples (${summary.format}) from ${summary.approved} approved answers; ${summary.duplicatesRemoved} duplicates removed.`,
    `  training: ${summary.train}  ${summary.files.train}`,
    `  held out: ${summary.heldOut}  ${summary.files.heldOut}`,
    `  held out, for trove eval: ${summary.files.heldOutEval}`,
    'Per folder:',
    ...counts(summary.perFolder),
    'Per configuration:',
    ...counts(summary.perConfiguration),
    '',
  ].join('\n');
}
