/**
 * The model registry: every GGUF file Trove can use, found in the known folders and described from its
 * header (no weights are loaded, so listing a folder of multi-GB models takes milliseconds per file).
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { inspectGguf, type GgufInspection } from '../../../native/llama-light.ts';
import { TroveError, type ErrorCode } from '../errors.ts';
import { projectPath } from '../project-root.ts';
import type { ManifestEntry, ModelManifest } from './manifest.ts';

/** Where a model was found: the project's models/ folder, the download folder, TROVE_MODELS_DIR, or a path the user gave. */
export type ModelOrigin = 'project' | 'downloads' | 'env' | 'user';

export interface ModelLocation {
  /** A folder of .gguf files, or one .gguf file. */
  readonly path: string;
  readonly origin: ModelOrigin;
}

export interface RegisteredModel extends GgufInspection {
  readonly origin: ModelOrigin;
}

export interface RegistryProblem {
  readonly path: string;
  readonly code: ErrorCode;
  readonly message: string;
}

export interface RegistryScan {
  readonly models: readonly RegisteredModel[];
  /** Files that look like models but cannot be used, and user paths that do not exist. */
  readonly problems: readonly RegistryProblem[];
  readonly searched: readonly ModelLocation[];
}

export const PROJECT_MODELS_DIR = projectPath('models');

/** Where `trove models pull` saves files: TROVE_MODELS_DIR if set, else `<data dir>/models`. */
export function downloadDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.TROVE_MODELS_DIR || join(dataDir, 'models'));
}

/** The folders searched, in order: project models/, the download folder, TROVE_MODELS_DIR, then user paths. */
export function modelLocations(options: {
  readonly dataDir: string;
  readonly userPaths?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly projectDir?: string;
}): ModelLocation[] {
  const env = options.env ?? process.env;
  const locations: ModelLocation[] = [
    { path: resolve(options.projectDir ?? PROJECT_MODELS_DIR), origin: 'project' },
    { path: resolve(join(options.dataDir, 'models')), origin: 'downloads' },
  ];
  if (env.TROVE_MODELS_DIR) locations.push({ path: resolve(env.TROVE_MODELS_DIR), origin: 'env' });
  for (const p of options.userPaths ?? []) locations.push({ path: resolve(p), origin: 'user' });
  return locations;
}

/** Inspects every .gguf file in the locations. A file found twice (same real path) is listed once. */
export async function scanModels(locations: readonly ModelLocation[], inspect: (path: string) => Promise<GgufInspection> = inspectGguf): Promise<RegistryScan> {
  const models: RegisteredModel[] = [];
  const problems: RegistryProblem[] = [];
  const seen = new Set<string>();
  for (const location of locations) {
    for (const file of await ggufFilesIn(location, problems)) {
      const real = await realpath(file).catch(() => file);
      if (seen.has(real)) continue;
      seen.add(real);
      try {
        models.push({ ...(await inspect(file)), origin: location.origin });
      } catch (error) {
        if (!(error instanceof TroveError)) throw error;
        problems.push({ path: file, code: error.code, message: error.message });
      }
    }
  }
  return { models, problems, searched: locations };
}

/** A manifest entry with where (if anywhere) it is installed. */
export interface CatalogueEntry extends ManifestEntry {
  readonly installedPath: string | undefined;
}

/** Manifest entries marked installed when a registered model has the entry's file name. */
export function catalogue(manifest: ModelManifest, scan: RegistryScan): CatalogueEntry[] {
  return manifest.models.map((entry) => ({ ...entry, installedPath: scan.models.find((m) => m.fileName === entry.file)?.path }));
}

/** Later parts of a split model (name-00002-of-00003.gguf) are read through the first part. */
const LATER_SPLIT_PART = /-(\d{5})-of-\d{5}\.gguf$/i;

async function ggufFilesIn(location: ModelLocation, problems: RegistryProblem[]): Promise<string[]> {
  let info;
  try {
    info = await stat(location.path);
  } catch {
    // The default folders need not exist; a path the user named should.
    if (location.origin === 'user') problems.push({ path: location.path, code: 'NOT_FOUND', message: `Model path ${location.path} was not found.` });
    return [];
  }
  if (info.isFile()) return [location.path];
  let entries: Dirent[];
  try {
    entries = await readdir(location.path, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: location.path, code: 'PERMISSION_DENIED', message: `Cannot list ${location.path}: ${(error as Error).message}` });
    return [];
  }
  return entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && /\.gguf$/i.test(e.name) && Number(LATER_SPLIT_PART.exec(e.name)?.[1] ?? 1) === 1)
    .map((e) => join(location.path, e.name))
    .sort();
}
