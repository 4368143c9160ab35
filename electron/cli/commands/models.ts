/**
 * `trove models list | inspect | pull | backend`: the models Trove can use, what a GGUF file is, downloading a
 * recommended model (the only network access, on explicit command), and which compute backend is active.
 */
import { resolve } from 'node:path';
import { resolveDataDir } from '../../core/data-dir.ts';
import { findManifestEntry, loadManifest, manifestPath, type ManifestRole } from '../../core/models/manifest.ts';
import { downloadability, hubOverrideNote, pullModel, type PullResult } from '../../core/models/pull.ts';
import { catalogue, downloadDir, modelLocations, scanModels, type CatalogueEntry, type RegisteredModel } from '../../core/models/registry.ts';
import { disposeLlamaRuntime, getLlamaRuntime, inspectGguf, type GgufInspection } from '../../../native/llama.ts';
import { createDownloadProgress } from '../download-progress.ts';
import { printJson, withEngine, type GlobalOptions } from './open.ts';

export interface ModelsOptions extends GlobalOptions {
  readonly modelDir?: readonly string[];
  readonly manifest?: string;
}

export async function runModelsList(options: ModelsOptions): Promise<void> {
  const dataDir = resolveDataDir(options.dataDir);
  const scan = await scanModels(modelLocations({ dataDir, userPaths: options.modelDir ?? [] }));
  const manifest = await loadManifest(manifestPath(options.manifest));
  const recommended = catalogue(manifest, scan).map((e) => {
    const { downloadable, why } = downloadability(e);
    return { ...e, downloadable, downloadableWhy: why };
  });
  if (options.json) {
    printJson({ installed: scan.models, recommended, problems: scan.problems, searched: scan.searched, manifest: manifest.source });
    return;
  }
  const lines = ['Installed models:'];
  if (scan.models.length === 0) lines.push('  none yet — trove models pull <name>, or put .gguf files in one of the folders below');
  for (const m of scan.models) lines.push(`  ${formatInstalled(m)}`);
  lines.push('', 'Recommended (trove models pull <name>):');
  for (const e of recommended) lines.push(`  ${formatRecommended(e)}`);
  if (scan.problems.length > 0) {
    lines.push('', 'Problems:');
    for (const p of scan.problems) lines.push(`  ${p.code}: ${p.message}`);
  }
  lines.push('', 'Searched:', ...scan.searched.map((l) => `  ${l.path} (${l.origin})`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

export async function runModelsInspect(file: string, options: GlobalOptions): Promise<void> {
  const info = await inspectGguf(resolve(file));
  if (options.json) printJson(info);
  else process.stdout.write(formatInspection(info));
}

export async function runModelsPull(name: string, options: ModelsOptions & { sha256?: string; dir?: string; use?: boolean }): Promise<void> {
  const manifest = await loadManifest(manifestPath(options.manifest));
  const entry = findManifestEntry(manifest, name);
  const note = hubOverrideNote();
  if (note !== undefined) process.stderr.write(`trove: ${note}\n`);
  const modelsDir = options.dir !== undefined ? resolve(options.dir) : downloadDir(resolveDataDir(options.dataDir));
  const progress = createDownloadProgress(entry.name);
  // Ctrl-C cancels: the partial file stays in <models>/.partial and the next pull resumes it.
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  let result: PullResult;
  try {
    result = await pullModel(entry, { modelsDir, signal: controller.signal, onProgress: progress.onProgress, ...(options.sha256 !== undefined ? { sha256: options.sha256 } : {}) });
  } finally {
    process.off('SIGINT', cancel);
    progress.finish();
  }
  const selected = options.use === false ? undefined : await selectForRole(entry.role, result.path, options);
  if (options.json) printJson({ name: entry.name, ...result, selectedAs: selected ?? null });
  else {
    const verified = { manifest: 'SHA-256 pinned in the manifest', hub: "SHA-256 published by the hub", user: 'SHA-256 you gave' }[result.verifiedWith];
    const done = result.alreadyPresent ? `${entry.name} is already installed: ${result.path}` : `Installed ${entry.name}: ${result.path} (verified with the ${verified})`;
    process.stdout.write(`${done}${selected !== undefined ? `; now the ${selected}` : ''}\n`);
  }
}

/**
 * Makes a pulled model the one used for its role, as choosing it in the app does: the engine loads it (so a
 * file that does not load is reported now) and remembers it in the index. Adapters are not selected.
 */
async function selectForRole(role: ManifestRole, path: string, options: GlobalOptions): Promise<string | undefined> {
  if (role === 'chat') return withEngine({ ...options, answerModels: { chatModelPath: path }, sharedStore: 'local-only' }, async () => 'chat model');
  if (role === 'reranker') return withEngine({ ...options, answerModels: { rerankModelPath: path }, sharedStore: 'local-only' }, async () => 'reranker');
  if (role === 'embedding') return withEngine({ ...options, embedModel: path, sharedStore: 'local-only' }, async () => 'embedding model (run trove index to re-embed your folders)');
  return undefined;
}

export async function runModelsBackend(options: GlobalOptions): Promise<void> {
  try {
    const runtime = await getLlamaRuntime(options.threads !== undefined ? { threads: options.threads } : {});
    const report = runtime.backendReport;
    const effectiveGpuLayers = report.active === 'cpu' ? 0 : runtime.gpuLayers;
    if (options.json) printJson({ ...report, threads: runtime.threads, gpuLayers: { configured: runtime.gpuLayers, effective: effectiveGpuLayers } });
    else {
      const lines = [`Active backend: ${report.active} (threads: ${runtime.threads}, GPU layers: ${effectiveGpuLayers})`, ...report.tried.map((t) => `  ${t.ok ? 'used   ' : 'skipped'} ${t.backend}: ${t.reason}`)];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  } finally {
    await disposeLlamaRuntime();
  }
}

function formatInstalled(m: RegisteredModel): string {
  const facts = [m.architecture, m.quantization, m.sizeLabel ?? params(m.parameterCount), gb(m.sizeBytes)];
  if (m.adapter !== undefined) facts.push(`rank ${m.adapter.rank ?? '?'}`, `alpha ${m.adapter.alpha ?? '?'}`);
  return `${m.role.padEnd(9)} ${m.fileName}  (${facts.filter(Boolean).join(', ')})  ${m.path}`;
}

function formatRecommended(e: CatalogueEntry & { readonly downloadable: boolean }): string {
  const state = e.installedPath !== undefined ? 'installed' : e.downloadable ? 'available' : e.url === null ? 'manual' : 'needs --sha256';
  return `${e.name.padEnd(26)} ${e.role.padEnd(9)} ~${gb(e.approxSizeBytes).padEnd(8)} ${e.license.padEnd(28)} [${state}] ${e.description}`;
}

export function formatInspection(m: GgufInspection): string {
  const rows: [string, string | number | undefined][] = [
    ['File', m.path],
    ['Role', `${m.role} (${m.roleReason})`],
    ['Name', m.name],
    ['Architecture', m.architecture],
    ['Parameters', `${params(m.parameterCount)}${m.sizeLabel !== undefined ? ` (labelled ${m.sizeLabel})` : ''}`],
    ['File size', `${gb(m.sizeBytes)} (${m.sizeBytes} bytes)`],
    ['Quantization', m.quantization],
    ['Context length', m.contextLength],
    ['Embedding length', m.embeddingLength],
    ['Layers', m.blockCount],
    ['Pooling', m.pooling],
    ['Chat template', m.role === 'adapter' ? undefined : m.hasChatTemplate ? 'yes' : 'no'],
    ['License', m.license],
    ['Adapter type', m.adapter?.type],
    ['Base architecture', m.adapter?.baseArchitecture],
    ['Base model', m.adapter?.baseModel],
    ['LoRA rank', m.adapter?.rank],
    ['LoRA alpha', m.adapter?.alpha],
    ['Adapted weights', m.adapter?.targets.join(', ') || undefined],
  ];
  return `${rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${`${k}:`.padEnd(19)}${v}`).join('\n')}\n`;
}

function params(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}B params`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M params`;
  return `${(n / 1e3).toFixed(1)}K params`;
}

function gb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
