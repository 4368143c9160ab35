/**
 * The catalogue of recommended models (models/manifest.json): what `trove models list` offers and
 * `trove models pull <name>` downloads. Validated on load so a hand-edited or mirrored manifest fails with a
 * message that names the bad entry, not somewhere inside the download.
 */
import { readFile } from 'node:fs/promises';
import { TroveError } from '../errors.ts';
import { projectPath } from '../project-root.ts';

export type ManifestRole = 'chat' | 'embedding' | 'reranker' | 'adapter';

export interface ManifestEntry {
  /** Short name used on the command line, e.g. "qwen2.5-1.5b-instruct". */
  readonly name: string;
  readonly role: ManifestRole;
  /** File name it is saved as. */
  readonly file: string;
  /** Direct download URL of the GGUF file, or null when none exists (see `note`). */
  readonly url: string | null;
  /** Exact size, when known; checked after download. */
  readonly sizeBytes: number | null;
  /** Rough size for display when the exact one is not known. */
  readonly approxSizeBytes: number;
  /** Lower-case hex SHA-256 of the file, or null when not yet recorded: pull then needs --sha256. */
  readonly sha256: string | null;
  readonly license: string;
  readonly description: string;
  /** For adapters: the base model they were trained for. */
  readonly baseModel?: string;
  readonly note?: string;
}

export interface ModelManifest {
  /** Where it was read from (for messages). */
  readonly source: string;
  readonly models: readonly ManifestEntry[];
}

/** The manifest shipped with Trove. */
export const DEFAULT_MANIFEST_PATH = projectPath('models', 'manifest.json');

/**
 * The manifest to use: an explicit path, else TROVE_MODEL_MANIFEST, else the shipped one. The override exists
 * for mirrors (an organisation hosting approved models internally) and for tests serving files from localhost.
 */
export function manifestPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? (env.TROVE_MODEL_MANIFEST || DEFAULT_MANIFEST_PATH);
}

export async function loadManifest(path: string): Promise<ModelManifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new TroveError('INVALID_ARGUMENT', `Cannot read the model manifest ${path}: ${(error as Error).message.split('\n')[0]}.`, { cause: error });
  }
  const models = (raw as { models?: unknown })?.models;
  if (!Array.isArray(models)) throw bad(path, 'it has no "models" list');
  const entries = models.map((m, i) => parseEntry(m, i, path));
  const names = new Set<string>();
  for (const e of entries) {
    if (names.has(e.name)) throw bad(path, `the name "${e.name}" appears twice`);
    names.add(e.name);
  }
  return { source: path, models: entries };
}

export function findManifestEntry(manifest: ModelManifest, name: string): ManifestEntry {
  const entry = manifest.models.find((m) => m.name === name);
  if (entry !== undefined) return entry;
  throw new TroveError('INVALID_ARGUMENT', `No model named "${name}" in ${manifest.source}; known: ${manifest.models.map((m) => m.name).join(', ')}.`);
}

const ROLES: readonly ManifestRole[] = ['chat', 'embedding', 'reranker', 'adapter'];

function parseEntry(value: unknown, index: number, path: string): ManifestEntry {
  const m = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const where = `model #${index + 1}${typeof m.name === 'string' ? ` (${m.name})` : ''}`;
  const fail = (what: string): TroveError => bad(path, `${where} ${what}`);
  const text = (key: string): string => {
    if (typeof m[key] !== 'string' || m[key] === '') throw fail(`needs a "${key}" string`);
    return m[key];
  };
  const role = text('role') as ManifestRole;
  if (!ROLES.includes(role)) throw fail(`has an unknown role "${role}"`);
  const file = text('file');
  // The file name becomes a path under the models folder: no directories, no "..".
  if (!/^[\w.+-]+\.gguf$/i.test(file) || file.startsWith('.')) throw fail(`has an unsafe file name "${file}"`);
  const url = m.url === null ? null : text('url');
  if (url !== null && !/^https?:\/\//.test(url)) throw fail('needs an http(s) url');
  const sha256 = m.sha256 === null || m.sha256 === undefined ? null : text('sha256').toLowerCase();
  if (sha256 !== null && !/^[0-9a-f]{64}$/.test(sha256)) throw fail('has a sha256 that is not 64 hex digits');
  const size = (key: string): number | null => {
    const v = m[key];
    if (v === null || v === undefined) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw fail(`needs "${key}" as a positive whole number`);
    return v;
  };
  const sizeBytes = size('sizeBytes');
  const approxSizeBytes = size('approxSizeBytes') ?? sizeBytes;
  if (approxSizeBytes === null) throw fail('needs "sizeBytes" or "approxSizeBytes"');
  return {
    name: text('name'),
    role,
    file,
    url,
    sizeBytes,
    approxSizeBytes,
    sha256,
    license: text('license'),
    description: text('description'),
    ...(typeof m.baseModel === 'string' ? { baseModel: m.baseModel } : {}),
    ...(typeof m.note === 'string' ? { note: m.note } : {}),
  };
}

function bad(path: string, what: string): TroveError {
  return new TroveError('INVALID_ARGUMENT', `The model manifest ${path} is invalid: ${what}.`);
}
