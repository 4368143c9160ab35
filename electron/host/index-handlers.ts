/** Status, folders, search and the passages behind citations. */
import { resolve } from 'node:path';
import { totalmem } from 'node:os';
import { TroveError } from '../core/errors.ts';
import type { FolderView } from '../shared/api.ts';
import type { HandlerGroup, HostContext } from './context.ts';
import { modelsInUse } from './models-in-use.ts';
import { teamIndexNotice } from './team-index-handlers.ts';
import { passageView } from './passage.ts';
import { folderViews } from './views.ts';

type IndexMethods = 'status' | 'addFolder' | 'removeFolder' | 'setFolderPaused' | 'setFolderOcr' | 'search' | 'getPassage' | 'resolveIndexedFile';

export function indexHandlers(ctx: HostContext): HandlerGroup<IndexMethods> {
  const folders = async (): Promise<FolderView[]> => folderViews(await ctx.session.engine.indexStatus());
  const changed = () => ctx.emit({ type: 'state-changed', what: 'folders' });
  return {
    async status() {
      const { engine } = ctx.session;
      const status = await engine.indexStatus();
      return {
        dataDir: ctx.dataDir,
        teamIndex: engine.isShared ? status.database : null,
        folders: folderViews(status),
        documents: status.counts.indexed,
        chunks: status.counts.chunks,
        models: await modelsInUse(engine),
        memory: { rssBytes: process.memoryUsage().rss, totalBytes: totalmem() },
        notices: [...status.notices, ...ctx.notices, ...teamIndexNotice(ctx)],
      };
    },
    async addFolder({ path }) {
      // Registering is enough: the watcher notices the new folder, indexes it and keeps it live.
      const [added] = await ctx.session.engine.addFolders([path]);
      changed();
      const view = (await folders()).find((f) => f.path === added?.path);
      if (!view) throw new TroveError('INTERNAL', `${path} was not registered`);
      return view;
    },
    async removeFolder({ path }) {
      ctx.session.engine.forget(path);
      changed();
      return null;
    },
    async setFolderPaused({ path, paused }) {
      ctx.session.engine.updateFolderSettings(path, { paused });
      changed();
      return null;
    },
    async setFolderOcr({ path, ocr }) {
      // As `trove folder set --ocr/--no-ocr`: the engine marks the folder's PDFs and images for reading again,
      // and the watcher reconciles the folder now rather than at the next start.
      ctx.session.updateFolderSettings(path, { ocr });
      changed();
      return null;
    },
    async search({ query, k }) {
      const response = await ctx.session.use((engine) => engine.search(query, { k: k ?? 10 }));
      return response.results.map((hit) => ({
        chunkId: hit.chunkId,
        path: hit.path,
        startLine: hit.startLine,
        endLine: hit.endLine,
        page: hit.page,
        heading: hit.heading,
        text: hit.text,
        score: hit.score,
      }));
    },
    async getPassage({ chunkId }) {
      const row = await ctx.session.engine.passage(chunkId);
      if (!row) throw new TroveError('NOT_FOUND', 'This passage is no longer in the index: its file changed or was removed.');
      return passageView(row);
    },
    async resolveIndexedFile({ path }) {
      const absolute = resolve(path);
      // Any document of the index (indexed, skipped or failed) is the user's own file; on a team index, one they may see.
      if (!(await ctx.session.engine.documentState(absolute))) {
        throw new TroveError('INVALID_ARGUMENT', `${absolute} is not an indexed document.`);
      }
      return { path: absolute };
    },
  };
}
