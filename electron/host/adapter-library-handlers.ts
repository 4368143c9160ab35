/**
 * The Models view's adapter library: the LoRA adapters in the models folders, the files the person added (kept
 * in the index, shared with `trove models adapters`) and the ones attached now, each checked against the chat
 * model in use. Attaching and detaching stay in model-handlers.ts.
 */
import type { Engine } from '../core/engine.ts';
import { addChosenAdapterFile, chosenAdapterFiles, forgetChosenAdapterFile } from '../core/models/adapter-files.ts';
import { listAdapters, type AdapterLibrary, type AdapterLibraryPorts } from '../core/models/adapter-library.ts';
import { cachedWhileUnchanged } from '../core/models/header-cache.ts';
import { CHAT_MODEL_KEY } from '../core/models/llama-generator-open.ts';
import { modelLocations } from '../core/models/registry.ts';
import { inspectGguf, readGgufShapes } from '../../native/llama-light.ts';
import type { AdapterLibraryView } from '../shared/api.ts';
import type { HandlerGroup, HostContext } from './context.ts';

type AdapterLibraryMethods = 'listAdapters' | 'addAdapterFile' | 'forgetAdapterFile';

export function adapterLibraryHandlers(ctx: HostContext): HandlerGroup<AdapterLibraryMethods> {
  // The view lists the library each time it opens: headers of files that did not change are read once per run.
  const readers: AdapterLibraryPorts = { inspect: cachedWhileUnchanged(inspectGguf), readShapes: cachedWhileUnchanged(readGgufShapes) };
  const library = (): Promise<AdapterLibraryView> => ctx.session.use(async (engine) => libraryView(await engineLibrary(engine, ctx.dataDir, readers)));
  return {
    listAdapters: library,
    async addAdapterFile({ path }) {
      await ctx.session.use((engine) => addChosenAdapterFile(engine.settings, path));
      return library();
    },
    async forgetAdapterFile({ path }) {
      await ctx.session.use(async (engine) => forgetChosenAdapterFile(engine.settings, path));
      return library();
    },
  };
}

async function engineLibrary(engine: Engine, dataDir: string, readers: AdapterLibraryPorts): Promise<AdapterLibrary> {
  const generator = engine.generator;
  const attached = generator?.adapters.map((a) => a.path) ?? [];
  return listAdapters({
    locations: modelLocations({ dataDir }),
    chosenFiles: [...chosenAdapterFiles(engine.settings), ...attached],
    chatModelPath: generator ? (engine.settings.get(CHAT_MODEL_KEY) ?? generator.modelId) : undefined,
  }, readers);
}

function libraryView(library: AdapterLibrary): AdapterLibraryView {
  return {
    adapters: library.adapters.map((a) => ({
      path: a.path,
      fileName: a.fileName,
      origin: a.origin,
      sizeBytes: a.sizeBytes,
      name: a.name ?? null,
      baseArchitecture: a.baseArchitecture ?? null,
      baseModel: a.baseModel ?? null,
      rank: a.rank ?? null,
      alpha: a.alpha ?? null,
      targets: a.targets,
      fit: { fits: a.fit.fits, chatModel: a.fit.chatModel ?? null, chatArchitecture: a.fit.chatArchitecture ?? null, problem: a.fit.problem ?? null },
    })),
    problems: library.problems.map((p) => ({ path: p.path, code: p.code, message: p.message, chosen: p.chosen })),
    chatModel: library.chatModel ?? null,
  };
}
