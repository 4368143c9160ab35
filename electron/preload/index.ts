/**
 * The preload: puts exactly the API contract on `window.trove` (one function per method, an event
 * subscription, the path of a dropped file) through contextBridge. ipcRenderer itself is never exposed.
 * Bundled to one CommonJS file (scripts/build-app.ts), as sandboxed preloads must be.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ApiEvent, TroveApi } from '../shared/api.ts';
import { API_METHODS } from '../shared/methods.ts';

const EVENT_CHANNEL = 'trove:event';

export function buildApi(ipc: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>, pathForFile: (file: unknown) => string): TroveApi {
  const api: Record<string, unknown> = {
    onEvent(listener: (event: ApiEvent) => void) {
      const handler = (_event: unknown, event: ApiEvent) => listener(event);
      ipc.on(EVENT_CHANNEL, handler);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, handler);
      };
    },
    pathOfDroppedFile(file: unknown) {
      try {
        return pathForFile(file) || null;
      } catch {
        return null;
      }
    },
  };
  for (const method of API_METHODS) api[method] = (params: unknown) => ipc.invoke(`trove:${method}`, params);
  return api as unknown as TroveApi;
}

contextBridge.exposeInMainWorld('trove', buildApi(ipcRenderer, (file) => webUtils.getPathForFile(file as File)));
