/**
 * Runs in the page (bundled by esbuild and injected before the app's own script): the `window.trove` of the
 * test transport. Host methods go over a WebSocket to the real engine host (same origin, so the app's CSP
 * holds unchanged); the main process's shell methods are played by the harness: dialogs answer with paths
 * given by the test, open/reveal are checked with the host like the main process does, then recorded.
 */
import type { ApiMethod, Params, Reply, TroveApi } from '../../../electron/shared/api.ts';
import { API_METHODS, isShellMethod } from '../../../electron/shared/methods.ts';
import { connectRpc, type PortLike } from '../../../electron/shared/rpc.ts';

export interface BridgeConfig {
  readonly dialogs: { readonly folder: string | null; readonly model: string | null; readonly adapter: string | null; readonly exportFile?: string | null };
}

export interface ShellRecord {
  readonly method: 'openFile' | 'revealFile';
  readonly path: string;
}

declare global {
  interface Window {
    trove?: TroveApi;
    __troveShell: ShellRecord[];
    __troveEvents: Record<string, number>;
  }
}

export function installTestBridge(config: BridgeConfig): void {
  const socket = new WebSocket(`ws://${location.host}/host`);
  const queued: string[] = [];
  socket.addEventListener('open', () => queued.splice(0).forEach((m) => socket.send(m)));
  const port: PortLike = {
    send(message) {
      const text = JSON.stringify(message);
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else queued.push(text);
    },
    onMessage(listener) {
      const handler = (event: MessageEvent) => listener(JSON.parse(String(event.data)));
      socket.addEventListener('message', handler);
      return () => socket.removeEventListener('message', handler);
    },
  };
  const client = connectRpc(port);
  window.__troveShell = [];
  window.__troveEvents = {};
  client.onEvent((event) => {
    window.__troveEvents[event.type] = (window.__troveEvents[event.type] ?? 0) + 1;
  });
  socket.addEventListener('close', () => client.close({ code: 'INTERNAL', message: 'The engine host went away', action: 'Restart Trove.' }));

  const shell = async (method: ApiMethod, params: unknown): Promise<Reply<unknown>> => {
    if (method === 'chooseFolder') return { ok: true, value: config.dialogs.folder };
    if (method === 'chooseModelFile') return { ok: true, value: config.dialogs.model };
    if (method === 'chooseAdapterFile') return { ok: true, value: config.dialogs.adapter };
    if (method === 'chooseExportFile') return { ok: true, value: config.dialogs.exportFile ?? null };
    const { path } = params as Params<'openFile'>;
    const checked = await client.call('resolveIndexedFile', { path });
    if (!checked.ok) return checked;
    window.__troveShell.push({ method: method as ShellRecord['method'], path: (checked.value as { path: string }).path });
    return { ok: true, value: null };
  };
  const api: Record<string, unknown> = {
    onEvent: (listener: Parameters<TroveApi['onEvent']>[0]) => client.onEvent(listener),
    pathOfDroppedFile: () => null,
  };
  for (const method of API_METHODS) {
    api[method] = (params: unknown) => (isShellMethod(method) ? shell(method, params) : client.call(method, params));
  }
  // Like contextBridge: a frozen object with exactly the contract's functions.
  window.trove = Object.freeze(api) as unknown as TroveApi;
}
