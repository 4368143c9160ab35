/**
 * "Let other apps on this computer use Trove": the local API of `trove serve` (MCP at /mcp, OpenAI-compatible at
 * /v1, loopback only, bearer token) run in the host over the session's engine. Off by default; the choice is
 * remembered in the index (meta `api_server`) and the server restarted with the host.
 */
import { DEFAULT_API_PORT } from '../api/defaults.ts';
import { startApiServer, type ApiServer } from '../api/http/server.ts';
import { apiToken } from '../api/token.ts';
import type { ApiServerView } from '../shared/api.ts';
import type { HandlerGroup, HostContext } from './context.ts';
import { SETTING_KEYS } from '../core/settings-keys.ts';

const API_SERVER_KEY = SETTING_KEYS.apiServer;

export interface ApiServerControl extends HandlerGroup<'apiServer' | 'setApiServer'> {
  /** Starts the server if the user left it on; failures show in the view, never stop the host. */
  restore(): Promise<void>;
  dispose(): Promise<void>;
}

export function apiServerHandlers(ctx: HostContext, port = DEFAULT_API_PORT): ApiServerControl {
  let server: ApiServer | undefined;
  let token: string | null = null;
  let error: string | null = null;
  const enabled = () => ctx.session.engine.settings.get(API_SERVER_KEY) === 'on';
  const view = (): ApiServerView => ({ enabled: enabled(), url: server?.url ?? null, token: server ? token : null, error });
  const start = async () => {
    if (server) return;
    try {
      token = (await apiToken(ctx.dataDir)).token;
      server = await startApiServer({ access: ctx.session, token, port });
      error = null;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
  };
  const stop = async () => {
    await server?.close();
    server = undefined;
  };
  return {
    async apiServer() {
      return view();
    },
    async setApiServer({ enabled: on }) {
      ctx.session.engine.settings.set(API_SERVER_KEY, on ? 'on' : 'off');
      if (on) await start();
      else {
        await stop();
        error = null;
      }
      return view();
    },
    async restore() {
      if (enabled()) await start();
    },
    dispose: stop,
  };
}
