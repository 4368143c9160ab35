/**
 * Choosing models: listing what is installed and recommended, switching the chat or embedding model (the
 * engine is reopened with it, and remembers it), LoRA adapters on the loaded chat model (remembered with
 * their scales, see adapter-memory.ts), and downloading a recommended model with progress events.
 */
import { join, resolve } from 'node:path';
import type { AdapterInUse } from '../core/answer/ports.ts';
import { TroveError } from '../core/errors.ts';
import { CHAT_MODEL_KEY } from '../core/models/llama-generator-open.ts';
import { findManifestEntry, loadManifest, manifestPath } from '../core/models/manifest.ts';
import { partialBytes } from '../core/models/partial-file.ts';
import { downloadability, pullModel } from '../core/models/pull.ts';
import { catalogue, downloadDir, modelLocations, scanModels } from '../core/models/registry.ts';
import type { ModelsInUse } from '../shared/api.ts';
import { adapterSwitch, rememberAdapters } from './adapter-memory.ts';
import type { HandlerGroup, HostContext } from './context.ts';
import { EMBED_MODEL_KEY, modelsInUse } from './models-in-use.ts';

type ModelMethods = 'listModels' | 'setChatModel' | 'setEmbeddingModel' | 'attachAdapter' | 'setAdapterScale' | 'detachAdapter' | 'downloadModel' | 'cancelDownload';

const PROGRESS_EVERY_MS = 250;

export function modelHandlers(ctx: HostContext): HandlerGroup<ModelMethods> {
  /** Downloads in progress by model name, to cancel them. */
  const downloads = new Map<string, AbortController>();
  const useChatModel = async (path: string | null): Promise<void> => {
    if (path === null) ctx.session.engine.settings.delete(CHAT_MODEL_KEY);
    // A new chat model starts without adapters: they are trained for one base model.
    rememberAdapters(ctx.session.engine.settings, []);
    await ctx.session.reopen({ answerModels: path === null ? {} : { chatModelPath: resolve(path) } });
  };
  const useEmbeddingModel = async (path: string | null): Promise<void> => {
    if (path === null) ctx.session.engine.settings.delete(EMBED_MODEL_KEY);
    const adapters = ctx.session.engine.generator?.adapters ?? [];
    await ctx.session.reopen({ embedModelPath: path === null ? undefined : resolve(path), answerModels: { adapters } });
  };
  const useReranker = async (path: string): Promise<void> => {
    const adapters = ctx.session.engine.generator?.adapters ?? [];
    await ctx.session.reopen({ answerModels: { rerankModelPath: resolve(path), adapters } });
  };
  const inUse = async (): Promise<ModelsInUse> => {
    ctx.emit({ type: 'state-changed', what: 'models' });
    return modelsInUse(ctx.session.engine);
  };
  const changeAdapters = async (change: (current: readonly AdapterInUse[]) => AdapterInUse[]): Promise<ModelsInUse> => {
    await ctx.session.use(async (engine) => {
      const generator = adapterSwitch(engine.generator);
      if (!generator) throw new TroveError('MODEL_NOT_FOUND', 'Choose a chat model before attaching LoRA adapters.');
      await generator.setAdapters(change(generator.adapters));
      rememberAdapters(engine.settings, generator.adapters);
    });
    return inUse();
  };
  return {
    async listModels() {
      const scan = await scanModels(modelLocations({ dataDir: ctx.dataDir }));
      const manifest = await loadManifest(manifestPath());
      const partials = new Map(await Promise.all(manifest.models.map(async (m) => [m.name, await partialBytes(join(downloadDir(ctx.dataDir), m.file))] as const)));
      const downloadabilityView = (e: (typeof manifest.models)[number]) => {
        const { downloadable, why } = downloadability(e);
        return { downloadable, downloadableWhy: why, partialBytes: partials.get(e.name) ?? 0 };
      };
      return {
        installed: scan.models.map((m) => ({
          path: m.path,
          fileName: m.fileName,
          role: m.role,
          architecture: m.architecture ?? null,
          sizeBytes: m.sizeBytes,
          contextLength: m.contextLength ?? null,
          quantization: m.quantization ?? null,
        })),
        recommended: catalogue(manifest, scan).map((e) => ({
          name: e.name,
          role: e.role,
          description: e.description,
          approxSizeBytes: e.approxSizeBytes,
          license: e.license,
          installedPath: e.installedPath ?? null,
          ...downloadabilityView(e),
        })),
        searched: scan.searched.map((l) => l.path),
      };
    },
    async setChatModel({ path }) {
      await useChatModel(path);
      return inUse();
    },
    async setEmbeddingModel({ path }) {
      await useEmbeddingModel(path);
      return inUse();
    },
    attachAdapter({ path, scale }) {
      const absolute = resolve(path);
      return changeAdapters((current) => [...current.filter((a) => a.path !== absolute), { path: absolute, scale }]);
    },
    setAdapterScale({ path, scale }) {
      const absolute = resolve(path);
      return changeAdapters((current) => {
        if (!current.some((a) => a.path === absolute)) throw new TroveError('INVALID_ARGUMENT', `${absolute} is not attached.`);
        return current.map((a) => (a.path === absolute ? { path: absolute, scale } : a));
      });
    },
    detachAdapter({ path }) {
      const absolute = resolve(path);
      return changeAdapters((current) => current.filter((a) => a.path !== absolute));
    },
    async downloadModel({ name }) {
      const entry = findManifestEntry(await loadManifest(manifestPath()), name);
      if (downloads.has(entry.name)) throw new TroveError('INVALID_ARGUMENT', `${entry.name} is already downloading.`);
      const controller = new AbortController();
      downloads.set(entry.name, controller);
      let last = 0;
      try {
        const result = await pullModel(entry, {
          modelsDir: downloadDir(ctx.dataDir),
          signal: controller.signal,
          onProgress: ({ receivedBytes, totalBytes, bytesPerSecond, etaMs, resumedFrom }) => {
            const now = ctx.now();
            if (now - last < PROGRESS_EVERY_MS && receivedBytes !== totalBytes) return;
            last = now;
            ctx.emit({ type: 'download-progress', progress: { name: entry.name, receivedBytes, totalBytes: totalBytes ?? null, bytesPerSecond, etaMs, resumedFrom } });
          },
        });
        // Done: it becomes the model for its role, as choosing it in this view does.
        const selectedAs = entry.role === 'adapter' ? null : entry.role;
        if (selectedAs === 'chat') await useChatModel(result.path);
        else if (selectedAs === 'embedding') await useEmbeddingModel(result.path);
        else if (selectedAs === 'reranker') await useReranker(result.path);
        return { path: result.path, selectedAs };
      } finally {
        downloads.delete(entry.name);
        ctx.emit({ type: 'state-changed', what: 'models' });
      }
    },
    cancelDownload({ name }) {
      const controller = downloads.get(name);
      controller?.abort();
      return Promise.resolve({ cancelled: controller !== undefined });
    },
  };
}
