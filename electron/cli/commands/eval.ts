/** `trove eval <dataset>`: retrieval metrics per mode and variant, as a table, JSON, and an HTML report. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveDataDir } from '../../core/data-dir.ts';
import { TroveError } from '../../core/errors.ts';
import { loadDataset } from '../../core/eval/load-dataset.ts';
import { renderEvalHtml } from '../../core/eval/report-html.ts';
import { RETRIEVAL_METRICS } from '../../core/eval/retrieval-eval.ts';
import { runEval, type EvalReport, type EvalVariant } from '../../core/eval/run-eval.ts';
import { parseEvalModes } from '../../core/eval/eval-modes.ts';
import { DEFAULT_CHUNKING } from '../../core/chunk/default-chunking.ts';
import { parseAdapter } from './ask.ts';
import { printJson, type GlobalOptions } from './open.ts';

interface EvalCommandOptions extends GlobalOptions {
  readonly mode: string[];
  readonly split: string;
  readonly report?: string;
  readonly variant?: string[];
  readonly repeat: number;
  readonly limit?: number;
  readonly embedModel?: string;
  readonly model?: string;
  readonly adapter?: { path: string; scale: number }[];
  readonly reranker?: string;
  readonly maxTokens?: number;
}

export async function runEvalCommand(datasetPath: string, options: EvalCommandOptions): Promise<void> {
  const dataset = await loadDataset(datasetPath, { split: options.split, limit: options.limit });
  const modes = parseEvalModes(options.mode);
  const variants = (options.variant ?? []).map((spec) => parseVariant(spec, options.embedModel, options.adapter));
  if (variants.length === 0 && (options.embedModel || options.adapter)) {
    variants.push({ name: 'default', embedModelPath: options.embedModel ? resolve(options.embedModel) : undefined, adapters: options.adapter });
  }
  // Answers are evaluated when a chat model is given, or (for a Trove dataset on the user's index) remembered.
  const answers = options.model || dataset.kind === 'trove' ? { chatModelPath: options.model, maxAnswerTokens: options.maxTokens } : undefined;
  const report = await runEval({
    dataset,
    modes,
    variants,
    dataDir: resolveDataDir(options.dataDir),
    repeat: options.repeat,
    threads: options.threads,
    answers,
    rerankModelPath: options.reranker ? resolve(options.reranker) : undefined,
    onProgress: (message) => process.stderr.write(`trove eval: ${message}\n`),
  });
  if (options.report) {
    await writeFile(options.report, renderEvalHtml(report));
    process.stderr.write(`trove eval: report written to ${resolve(options.report)}\n`);
  }
  if (options.json) printJson(toJson(report));
  else process.stdout.write(formatTable(report));
}

/**
 * `name:chunk=200,overlap=30,embed=model.gguf,adapter=lora.gguf:0.5,rerank=reranker.gguf,bm25budget=5000` — any
 * part may be left out. An adapter or embedding model given outside the variants applies to variants that name none.
 */
export function parseVariant(spec: string, defaultEmbedModel?: string, defaultAdapters?: { path: string; scale: number }[]): EvalVariant {
  const [name = '', settings = ''] = spec.split(/:(.*)/s);
  const values = new Map(settings.split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string]));
  for (const key of values.keys()) {
    if (!['chunk', 'overlap', 'embed', 'adapter', 'rerank', 'bm25budget'].includes(key)) {
      throw new TroveError('INVALID_ARGUMENT', `Unknown variant setting "${key}" in "${spec}" (use chunk, overlap, embed, adapter, rerank, bm25budget)`);
    }
  }
  const postingsBudget = values.has('bm25budget') ? Number(values.get('bm25budget')) : undefined;
  if (postingsBudget !== undefined && (!Number.isInteger(postingsBudget) || postingsBudget < 1)) {
    throw new TroveError('INVALID_ARGUMENT', `Bad bm25budget in "${spec}": it must be a whole number ≥ 1 (matches scored per query)`);
  }
  const maxTokens = values.has('chunk') ? Number(values.get('chunk')) : undefined;
  const overlapTokens = values.has('overlap') ? Number(values.get('overlap')) : undefined;
  const chunking =
    maxTokens !== undefined || overlapTokens !== undefined
      ? {
          maxTokens: maxTokens ?? DEFAULT_CHUNKING.maxTokens,
          overlapTokens: overlapTokens ?? Math.min(DEFAULT_CHUNKING.overlapTokens, Math.floor((maxTokens ?? DEFAULT_CHUNKING.maxTokens) / 4)),
        }
      : undefined;
  if (chunking && (!Number.isInteger(chunking.maxTokens) || chunking.maxTokens < 16 || !Number.isInteger(chunking.overlapTokens) || chunking.overlapTokens < 0)) {
    throw new TroveError('INVALID_ARGUMENT', `Bad chunk settings in "${spec}": chunk must be a whole number ≥ 16, overlap ≥ 0`);
  }
  const embed = values.get('embed') ?? defaultEmbedModel;
  const adapter = values.get('adapter');
  const rerank = values.get('rerank');
  return {
    name: name || spec,
    chunking,
    embedModelPath: embed ? resolve(embed) : undefined,
    adapters: adapter ? parseAdapter(adapter).map((a) => ({ ...a, path: resolve(a.path) })) : defaultAdapters,
    rerankModelPath: rerank ? resolve(rerank) : undefined,
    postingsBudget,
  };
}

function toJson(report: EvalReport) {
  const [first] = report.variants;
  const summary = (variant: NonNullable<typeof first>) =>
    Object.fromEntries(
      Object.entries(variant.modes).map(([mode, result]) => {
        const followUps = result.followUps && { rewrite: result.followUps.rewrite, followUpHitAt5: result.followUps.followUpHitAt5, standaloneHitAt5: result.followUps.standaloneHitAt5 };
        return [mode, { ...result.metrics, latencyMs: result.latencyMs, ...(followUps ? { followUps } : {}) }];
      }),
    );
  const answers = first?.answers
    ? { mode: first.answers.mode, model: first.answers.model, promptTokens: first.answers.promptTokens, ...first.answers.metrics, latencyMs: first.answers.latencyMs }
    : undefined;
  return { dataset: report.dataset, modes: first ? summary(first) : {}, answers, variants: report.variants, comparisons: report.comparisons, answerComparisons: report.answerComparisons };
}

function formatTable(report: EvalReport): string {
  const lines = [`${report.dataset.name}: ${report.dataset.questions} questions`];
  for (const variant of report.variants) {
    lines.push('', `variant ${variant.name}`, `  ${'mode'.padEnd(8)}${RETRIEVAL_METRICS.map((m) => m.padStart(12)).join('')}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}`);
    for (const [mode, result] of Object.entries(variant.modes)) {
      lines.push(`  ${mode.padEnd(8)}${RETRIEVAL_METRICS.map((m) => result.metrics[m].toFixed(4).padStart(12)).join('')}${result.latencyMs.p50.toFixed(1).padStart(10)}${result.latencyMs.p95.toFixed(1).padStart(10)}`);
    }
    for (const [mode, result] of Object.entries(variant.modes)) {
      const f = result.followUps;
      if (!f) continue;
      const how = f.rewrite === 'engine' ? 'rewritten by the engine' : 'searched as asked';
      lines.push(`  ${mode} follow-ups (${f.conversations.length}, ${how}): hit@5 ${f.followUpHitAt5.toFixed(3)}, the same asked standalone ${f.standaloneHitAt5.toFixed(3)}`);
    }
    for (const skipped of variant.skipped) lines.push(`  ${skipped.mode}: not run — ${skipped.reason}`);
    if (variant.answers) lines.push(...decisionLines(variant.answers));
    if (variant.answers && variant.answers.model !== null) {
      const { metrics, latencyMs } = variant.answers;
      lines.push(
        `  answers (${variant.answers.model}, ${variant.answers.mode} retrieval): citations valid ${show(metrics.citationValidity)}, cited expected ${show(metrics.citedRelevance)}, ` +
          `overlap F1 ${show(metrics.overlapF1)}`,
        `  answer latency p50/p95: retrieval ${latencyMs.retrieve.p50.toFixed(0)}/${latencyMs.retrieve.p95.toFixed(0)} ms, first token ${latencyMs.firstToken.p50.toFixed(0)}/${latencyMs.firstToken.p95.toFixed(0)} ms, full answer ${latencyMs.total.p50.toFixed(0)}/${latencyMs.total.p95.toFixed(0)} ms`,
      );
    }
  }
  for (const c of report.comparisons) {
    for (const metric of RETRIEVAL_METRICS) {
      const d = c.metrics[metric];
      lines.push(`${c.variant} vs ${c.baseline} (${c.mode}) ${metric}: ${d.difference >= 0 ? '+' : ''}${d.difference.toFixed(4)} [${d.ci95[0].toFixed(4)}, ${d.ci95[1].toFixed(4)}] ${d.significant ? 'real' : 'within noise'}`);
    }
  }
  for (const c of report.answerComparisons) {
    for (const [metric, d] of Object.entries(c.metrics)) {
      lines.push(`${c.variant} vs ${c.baseline} (answers) ${metric}: ${d.difference >= 0 ? '+' : ''}${d.difference.toFixed(4)} [${d.ci95[0].toFixed(4)}, ${d.ci95[1].toFixed(4)}] ${d.significant ? 'real' : 'within noise'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const show = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));
const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

/** Answer or decline, measured with or without a chat model. */
function decisionLines(answers: NonNullable<EvalReport['variants'][number]['answers']>): string[] {
  const m = answers.metrics;
  const tokens = answers.promptTokens === 'model' ? 'prompt tokens' : 'tokens of the passages shown (estimated, no model)';
  return [
    `  decisions (${answers.model ?? 'no chat model'}, ${answers.mode} retrieval): answerable declined ${percent(m.wronglyDeclined)}, unanswerable declined ${percent(m.correctlyDeclined)}, ` +
      `abstention precision ${show(m.abstentionPrecision)}, recall ${show(m.abstentionRecall)}`,
    `  median ${tokens} per answer: ${m.medianPromptTokens === null ? 'n/a' : m.medianPromptTokens.toFixed(0)}`,
  ];
}
