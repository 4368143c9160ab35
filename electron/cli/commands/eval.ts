/** `trove eval <dataset>`: retrieval metrics per mode and variant, as a table, JSON, and an HTML report. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveDataDir } from '../../core/data-dir.ts';
import { TroveError } from '../../core/errors.ts';
import { loadDataset } from '../../core/eval/load-dataset.ts';
import { renderEvalHtml } from '../../core/eval/report-html.ts';
import { RETRIEVAL_METRICS } from '../../core/eval/retrieval-eval.ts';
import { runEval, type EvalReport, type EvalVariant } from '../../core/eval/run-eval.ts';
import { SEARCH_MODES, type SearchMode } from '../../core/search/searcher.ts';
import { DEFAULT_CHUNKING } from '../../core/chunk/chunker.ts';
import { printJson, type GlobalOptions } from './open.ts';

interface EvalCommandOptions extends GlobalOptions {
  readonly mode: string[];
  readonly split: string;
  readonly report?: string;
  readonly variant?: string[];
  readonly repeat: number;
  readonly limit?: number;
  readonly embedModel?: string;
}

export async function runEvalCommand(datasetPath: string, options: EvalCommandOptions): Promise<void> {
  const dataset = await loadDataset(datasetPath, { split: options.split, limit: options.limit });
  const modes = parseModes(options.mode);
  const variants = (options.variant ?? []).map((spec) => parseVariant(spec, options.embedModel));
  if (variants.length === 0 && options.embedModel) variants.push({ name: 'default', embedModelPath: resolve(options.embedModel) });
  const report = await runEval({
    dataset,
    modes,
    variants,
    dataDir: resolveDataDir(options.dataDir),
    repeat: options.repeat,
    threads: options.threads,
    onProgress: (message) => process.stderr.write(`trove eval: ${message}\n`),
  });
  if (options.report) {
    await writeFile(options.report, renderEvalHtml(report));
    process.stderr.write(`trove eval: report written to ${resolve(options.report)}\n`);
  }
  if (options.json) printJson(toJson(report));
  else process.stdout.write(formatTable(report));
}

function parseModes(values: readonly string[]): SearchMode[] {
  const modes = values.flatMap((value) => value.split(',')).map((mode) => mode.trim()).filter(Boolean);
  for (const mode of modes) {
    if (!SEARCH_MODES.includes(mode as SearchMode)) throw new TroveError('INVALID_ARGUMENT', `Unknown mode "${mode}" (choose from ${SEARCH_MODES.join(', ')})`);
  }
  return [...new Set(modes)] as SearchMode[];
}

/** `name:chunk=200,overlap=30,embed=model.gguf` — any part may be left out. */
export function parseVariant(spec: string, defaultEmbedModel?: string): EvalVariant {
  const [name = '', settings = ''] = spec.split(/:(.*)/s);
  const values = new Map(settings.split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string]));
  for (const key of values.keys()) {
    if (!['chunk', 'overlap', 'embed'].includes(key)) throw new TroveError('INVALID_ARGUMENT', `Unknown variant setting "${key}" in "${spec}" (use chunk, overlap, embed)`);
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
  return { name: name || spec, chunking, embedModelPath: embed ? resolve(embed) : undefined };
}

function toJson(report: EvalReport) {
  const [first] = report.variants;
  const summary = (variant: NonNullable<typeof first>) =>
    Object.fromEntries(Object.entries(variant.modes).map(([mode, result]) => [mode, { ...result.metrics, latencyMs: result.latencyMs }]));
  return { dataset: report.dataset, modes: first ? summary(first) : {}, variants: report.variants, comparisons: report.comparisons };
}

function formatTable(report: EvalReport): string {
  const lines = [`${report.dataset.name}: ${report.dataset.questions} questions`];
  for (const variant of report.variants) {
    lines.push('', `variant ${variant.name}`, `  ${'mode'.padEnd(8)}${RETRIEVAL_METRICS.map((m) => m.padStart(12)).join('')}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}`);
    for (const [mode, result] of Object.entries(variant.modes)) {
      lines.push(`  ${mode.padEnd(8)}${RETRIEVAL_METRICS.map((m) => result.metrics[m].toFixed(4).padStart(12)).join('')}${result.latencyMs.p50.toFixed(1).padStart(10)}${result.latencyMs.p95.toFixed(1).padStart(10)}`);
    }
    for (const skipped of variant.skipped) lines.push(`  ${skipped.mode}: not run — ${skipped.reason}`);
  }
  for (const c of report.comparisons) {
    for (const metric of RETRIEVAL_METRICS) {
      const d = c.metrics[metric];
      lines.push(`${c.variant} vs ${c.baseline} (${c.mode}) ${metric}: ${d.difference >= 0 ? '+' : ''}${d.difference.toFixed(4)} [${d.ci95[0].toFixed(4)}, ${d.ci95[1].toFixed(4)}] ${d.significant ? 'real' : 'within noise'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
