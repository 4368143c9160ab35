/**
 * The adapter library: every LoRA adapter in the models folders and among the files the person added, described
 * from its GGUF header (base architecture, rank, alpha, size; no weights are read) and checked against the
 * current chat model with the same check that guards attaching (adapter-check.ts), so a person sees whether an
 * adapter fits before attaching it. Files that cannot be used are listed as problems, never thrown.
 */
import { realpath } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { inspectGguf, readGgufShapes, type GgufInspection } from '../../../native/llama-light.ts';
import { TroveError, type ErrorCode } from '../errors.ts';
import { adapterProblem, type GgufShapes } from './adapter-check.ts';
import { scanModels, type ModelLocation, type ModelOrigin } from './registry.ts';

export type AdapterOrigin = ModelOrigin | 'added';

/** Whether an adapter can be attached to the current chat model. */
export interface AdapterFit {
  readonly fits: boolean;
  /** The chat model it was checked against; undefined when none is chosen. */
  readonly chatModel: string | undefined;
  readonly chatArchitecture: string | undefined;
  /** Why it cannot be attached, as a clause ("it was made for llama models, the model is qwen2"); undefined when it fits. */
  readonly problem: string | undefined;
}

export interface LibraryAdapter {
  readonly path: string;
  readonly fileName: string;
  /** A models folder ('project' | 'downloads' | 'env' | 'user' for a folder given for one run), or 'added' by hand. */
  readonly origin: AdapterOrigin;
  readonly sizeBytes: number;
  /** `general.name`. */
  readonly name: string | undefined;
  readonly baseArchitecture: string | undefined;
  readonly baseModel: string | undefined;
  readonly rank: number | undefined;
  readonly alpha: number | undefined;
  readonly targets: readonly string[];
  readonly fit: AdapterFit;
}

/** A file that cannot be offered: unreadable, damaged, missing, or (added by hand) not an adapter. */
export interface AdapterProblem {
  readonly path: string;
  readonly code: ErrorCode;
  readonly message: string;
  /** True for a file the person added, which they can remove from the list. */
  readonly chosen: boolean;
}

export interface AdapterLibrary {
  readonly adapters: readonly LibraryAdapter[];
  readonly problems: readonly AdapterProblem[];
  readonly chatModel: string | undefined;
  readonly searched: readonly ModelLocation[];
}

export interface AdapterLibraryOptions {
  /** The models folders (registry.modelLocations). */
  readonly locations: readonly ModelLocation[];
  /** Adapter files added by hand (adapter-files.ts). */
  readonly chosenFiles: readonly string[];
  /** The chat model adapters are checked against; undefined when none is chosen. */
  readonly chatModelPath: string | undefined;
}

/** Header readers; tests may count or replace them. */
export interface AdapterLibraryPorts {
  readonly inspect: (path: string) => Promise<GgufInspection>;
  readonly readShapes: (path: string) => Promise<GgufShapes>;
}

const HEADER_READERS: AdapterLibraryPorts = { inspect: inspectGguf, readShapes: readGgufShapes };

export async function listAdapters(options: AdapterLibraryOptions, ports: AdapterLibraryPorts = HEADER_READERS): Promise<AdapterLibrary> {
  const scan = await scanModels(options.locations, ports.inspect);
  const found: GgufInspection[] = scan.models.filter((m) => m.role === 'adapter');
  const origins = new Map<string, AdapterOrigin>(scan.models.map((m) => [m.path, m.origin]));
  const problems: AdapterProblem[] = scan.problems.map((p) => ({ ...p, chosen: false }));

  const seen = new Set(await Promise.all(scan.models.map((m) => realpath(m.path).catch(() => m.path))));
  // A damaged file in a models folder that was also added by hand is one problem, which can be removed from the list.
  const folderProblems = new Map(await Promise.all(problems.map(async (p, i) => [await realpath(p.path).catch(() => p.path), i] as const)));
  for (const file of options.chosenFiles.map((p) => resolve(p))) {
    const real = await realpath(file).catch(() => file);
    const problemAt = folderProblems.get(real);
    if (problemAt !== undefined) problems[problemAt] = { ...(problems[problemAt] as AdapterProblem), chosen: true };
    if (seen.has(real) || problemAt !== undefined) continue;
    seen.add(real);
    const inspected = await inspectChosen(file, ports.inspect, problems);
    if (inspected === undefined) continue;
    found.push(inspected);
    origins.set(inspected.path, 'added');
  }

  const chat = options.chatModelPath === undefined ? undefined : await chatShapes(resolve(options.chatModelPath), ports.readShapes);
  const adapters: LibraryAdapter[] = [];
  for (const info of found) {
    adapters.push({
      path: info.path,
      fileName: info.fileName,
      origin: origins.get(info.path) ?? 'added',
      sizeBytes: info.sizeBytes,
      name: info.name,
      baseArchitecture: info.adapter?.baseArchitecture,
      baseModel: info.adapter?.baseModel,
      rank: info.adapter?.rank,
      alpha: info.adapter?.alpha,
      targets: info.adapter?.targets ?? [],
      fit: await fitOf(info.path, chat, ports.readShapes),
    });
  }
  return { adapters, problems, chatModel: chat?.path, searched: scan.searched };
}

/** A chosen file's description, or undefined after recording why it cannot be offered. */
async function inspectChosen(file: string, inspect: AdapterLibraryPorts['inspect'], problems: AdapterProblem[]): Promise<GgufInspection | undefined> {
  try {
    const info = await inspect(file);
    if (info.role === 'adapter') return info;
    problems.push({ path: file, code: 'MODEL_INVALID', message: `${basename(file)} is a ${info.role} model, not a LoRA adapter.`, chosen: true });
  } catch (error) {
    if (!(error instanceof TroveError)) throw error;
    problems.push({ path: file, code: error.code, message: error.message, chosen: true });
  }
  return undefined;
}

type ChatShapes = { readonly path: string; readonly shapes: GgufShapes } | { readonly path: string; readonly unreadable: string };

async function chatShapes(path: string, readShapes: AdapterLibraryPorts['readShapes']): Promise<ChatShapes> {
  try {
    return { path, shapes: await readShapes(path) };
  } catch (error) {
    return { path, unreadable: `the chat model ${basename(path)} cannot be read (${(error as Error).message})` };
  }
}

async function fitOf(adapterPath: string, chat: ChatShapes | undefined, readShapes: AdapterLibraryPorts['readShapes']): Promise<AdapterFit> {
  if (chat === undefined) return { fits: false, chatModel: undefined, chatArchitecture: undefined, problem: 'no chat model is chosen' };
  if ('unreadable' in chat) return { fits: false, chatModel: chat.path, chatArchitecture: undefined, problem: chat.unreadable };
  let shapes: GgufShapes;
  try {
    shapes = await readShapes(adapterPath);
  } catch (error) {
    // Inspected a moment ago; it changed since (being replaced, say).
    return { fits: false, chatModel: chat.path, chatArchitecture: chat.shapes.architecture, problem: `it cannot be read (${(error as Error).message})` };
  }
  const problem = adapterProblem(chat.shapes, shapes);
  return { fits: problem === undefined, chatModel: chat.path, chatArchitecture: chat.shapes.architecture, problem };
}
