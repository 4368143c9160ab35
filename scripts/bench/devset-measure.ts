/**
 * Measures one engine on one dev set, BM25 only, no model, and prints the numbers as JSON: the engine is
 * imported from `--engine-root` (this tree, or a checkout of a baseline revision), the measuring code is this
 * tree's, so both are measured the same way. Only APIs that older engines have are used: openEngine,
 * Engine.index/search/ask, and Engine.standaloneQuery when it exists.
 *
 *   npx tsx scripts/bench/devset-measure.ts --engine-root <dir> --dataset <devset.jsonl>
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Engine } from '../../electron/core/engine.ts';
import { evaluateAnswers } from '../../electron/core/eval/answer-eval.ts';
import { evaluateFollowUps, type StandaloneQuery } from '../../electron/core/eval/conversation-eval.ts';
import { loadTroveDataset } from '../../electron/core/eval/trove-dataset.ts';
import { evaluateRetrieval } from '../../electron/core/eval/retrieval-eval.ts';
import { corpusToIndex } from '../../electron/core/eval/run-eval.ts';
import type { openEngine as OpenEngine } from '../../electron/core/open-engine.ts';

export interface EngineDevsetNumbers {
  readonly hitAt5: number;
  readonly answerableDeclined: number | null;
  readonly unanswerableDeclined: number | null;
  readonly abstentionPrecision: number | null;
  readonly abstentionRecall: number | null;
  readonly followUpHitAt5: number | null;
  readonly standaloneHitAt5: number | null;
  readonly followUpRewrite: 'engine' | 'none' | null;
  readonly medianSourceTokens: number | null;
  /** Answerable questions whose answer shows (cites) at least one right passage; a declined one does not. */
  readonly answerHitRate: number | null;
}

const { values } = parseArgs({ options: { 'engine-root': { type: 'string' }, dataset: { type: 'string' } } });
const engineRoot = resolve(values['engine-root'] ?? '.');
const datasetFile = resolve(values.dataset ?? '');
const { openEngine } = (await import(pathToFileURL(join(engineRoot, 'electron/core/open-engine.ts')).href)) as { openEngine: typeof OpenEngine };

const scratch = await mkdtemp(join(tmpdir(), 'trove-devset-'));
try {
  const { folder, dataset } = await corpusToIndex(await loadTroveDataset(datasetFile), scratch);
  const engine: Engine = await openEngine({ dataDir: join(scratch, 'data') });
  try {
    await engine.index([folder]);
    const retrieval = await evaluateRetrieval((query, mode, o) => engine.search(query, { ...o, mode: 'bm25' }), dataset, 'bm25');
    const answers = await evaluateAnswers((question, o) => engine.ask(question, o), dataset, { mode: 'bm25', model: null, adapters: [] });
    const rewrite = (engine as unknown as { standaloneQuery?: StandaloneQuery }).standaloneQuery;
    const followUps = await evaluateFollowUps((query, o) => engine.search(query, { ...o, mode: 'bm25' }), dataset, typeof rewrite === 'function' ? rewrite.bind(engine) : undefined);
    const numbers: EngineDevsetNumbers = {
      hitAt5: retrieval.metrics['hit@5'],
      answerableDeclined: answers.metrics.wronglyDeclined,
      unanswerableDeclined: answers.metrics.correctlyDeclined,
      abstentionPrecision: answers.metrics.abstentionPrecision,
      abstentionRecall: answers.metrics.abstentionRecall,
      followUpHitAt5: followUps?.followUpHitAt5 ?? null,
      standaloneHitAt5: followUps?.standaloneHitAt5 ?? null,
      followUpRewrite: followUps?.rewrite ?? null,
      medianSourceTokens: answers.metrics.medianPromptTokens,
      answerHitRate: shareOrNull(answers.questions.filter((q) => q.answerable).map((q) => (q.scores.citedRelevance ?? 0) > 0)),
    };
    process.stdout.write(`${JSON.stringify(numbers)}\n`);
  } finally {
    await engine.dispose();
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}

function shareOrNull(flags: readonly boolean[]): number | null {
  return flags.length === 0 ? null : flags.filter(Boolean).length / flags.length;
}
