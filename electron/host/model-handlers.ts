/**
 * Choosing models: listing what is installed and recommended, switching the chat or embedding model (the
 * engine is reopened with it, and remembers it), LoRA adapters on the loaded chat model (remembered with
 * their scales, see adapter-memory.ts), and downloading a recommended model with progress events.
 */
import { join, resolve } from 'node:path';
import type { AdapterInUse } from '../core/answer/ports.ts';
import { TroveError } from '../core/errors.ts';
import { downloadModel } from '../core/models/download.ts';
import { CHAT_MODEL_KEY } from '../core/models/llama-generator-open.ts';
import { findManifestEntry, loadManifest, manifestPath } from '../core/models/manifest.ts';
import { catalogue, downloadDir, modelLocations, scanModels } from '../core/models/registry.ts';
import type { ModelsInUse } from '../shared/api.ts';
import { adapterSwitch, rememberAdapters } from './adapter-memory.ts';
import type { HandlerGroup, HostContext } from './context.ts';
import { EMBED_MODEL_KEY, modelsInUse } from './models-in-use.ts';

type ModelMethods = 'listModels' | 'setChatModel' | 'setEmbeddingModel' | 'attachAdapter' | 'setAdapterScale' | 'detachAdapter' | 'downloadModel';

const PROGRESS_EVERY_MS = 250;

export function modelHandlers(ctx: HostContext): HandlerGroup<ModelMethods> {
  const inUse = async (): Promise<ModelsInUse> => {
    ctx.emit({ type: 'state-changed', what: 'models' });
    return modelsInUse(ctx.session.engine);
  };
  const changeAdapters = async (change: (current: readonly AdapterInUse[]) => AdapterInUse[]): Promise<ModelsInUse> => {
    await ctx.session.use(async (engine) => {
      const generator = adapterSwitch(engine.generator);
      if (!generator) throw new TroveError('MODEL_NOT_FOUND', 'Choose a chat model before attaching LoRA adapters.');
      await generator.setAdapters(change(generator.adapters));
      rememberAdapters(engine.store.meta, generator.adapters);
    });
    return inUse();
  };
  return {
    async listModels() {
      const scan = await scanModels(modelLocations({ dataDir: ctx.dataDir }));
      const manifest = await loadManifest(manifestPath());
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
          downloadable: e.url !== null && e.sha256 !== null,
        })),
        searched: scan.searched.map((l) => l.path),
      };
    },
    async setChatModel({ path }) {
      if (path === null) ctx.session.engine.store.meta.delete(CHAT_MODEL_KEY);
      // A new chat model starts without adapters: they are trained for one base model.
      rememberAdapters(ctx.session.engine.store.meta, []);
      await ctx.session.reopen({ answerModels: path === null ? {} : { chatModelPath: resolve(path) } });
      return inUse();
    },
    async setEmbeddingModel({ path }) {
      if (path === null) ctx.session.engine.store.meta.delete(EMBED_MODEL_KEY);
      const adapters = ctx.session.engine.generator?.adapters ?? [];
      await ctx.session.reopen({ embedModelPath: path === null ? undefined : resolve(path), answerModels: { adapters } });
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
      if (entry.url === null || entry.sha256 === null) {
        throw new TroveError('INVALID_ARGUMENT', `${entry.name} cannot be downloaded from the app: ${entry.note ?? 'it has no recorded checksum'}.`);
      }
      let last = 0;
      const result = await downloadModel({
        url: entry.url,
        dest: join(downloadDir(ctx.dataDir), entry.file),
        sha256: entry.sha256,
        expectedSize: entry.sizeBytes,
        onProgress: ({ receivedBytes, totalBytes }) => {
          const now = ctx.now();
          if (now - last < PROGRESS_EVERY_MS && receivedBytes !== totalBytes) return;
          last = now;
          ctx.emit({ type: 'download-progress', name: entry.name, receivedBytes, totalBytes: totalBytes ?? null });
        },
      });
      ctx.emit({ type: 'state-changed', what: 'models' });
      return { path: result.path };
    },
  };
}
