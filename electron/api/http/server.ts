/**
 * The local HTTP API (`trove serve`, and the app's "Let other apps on this computer use Trove"): MCP at `/mcp`
 * and OpenAI-compatible `/v1/models`, `/v1/chat/completions`, `/v1/embeddings`, over the same engine. Listens on
 * a loopback address only; every request must name this computer (Host/Origin) and carry the bearer token.
 * Every failure becomes a coded error reply; nothing a client sends can stop the server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK_BIND_ADDRESSES } from '../defaults.ts';
import type { EngineAccess } from '../engine-access.ts';
import { TroveError } from '../../core/errors.ts';
import { HttpRequestError, NonLoopbackBindError, PortUnavailableError, RouteNotFoundError } from '../errors.ts';
import { checkBearer, checkLoopbackRequest } from './guard.ts';
import { mcpRoute } from './mcp-route.ts';
import { chatCompletions } from './openai-chat.ts';
import { embeddings } from './openai-embeddings.ts';
import { listModels } from './openai-models.ts';
import { sendError } from './respond.ts';

export interface ApiServerOptions {
  readonly access: EngineAccess;
  readonly token: string;
  /** 127.0.0.1 (default) or ::1; anything else is refused. */
  readonly host?: string;
  /** 0: a free port chosen by the system. */
  readonly port: number;
  /** Called with every request that failed unexpectedly (a bug, not a client's mistake). */
  readonly onInternalError?: (error: unknown) => void;
}

export interface ApiServer {
  /** `http://127.0.0.1:4749` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

type Route = (req: IncomingMessage, res: ServerResponse, access: EngineAccess) => Promise<void>;

const ROUTES: Record<string, { readonly methods: readonly string[]; readonly handle: Route }> = {
  '/mcp': { methods: ['POST', 'GET', 'DELETE'], handle: mcpRoute },
  '/v1/models': { methods: ['GET'], handle: (_req, res, access) => listModels(res, access) },
  '/v1/chat/completions': { methods: ['POST'], handle: chatCompletions },
  '/v1/embeddings': { methods: ['POST'], handle: embeddings },
};

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const host = loopbackHost(options.host);
  const server = createServer((req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      if (isUnexpected(error)) options.onInternalError?.(error);
      sendError(res, error);
    });
  });
  // Generation can take minutes; the connection stays open as long as the answer does.
  server.requestTimeout = 0;
  await listen(server, host, options.port);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** The address to listen on: 127.0.0.1 by default, ::1 if asked; anything else is a NonLoopbackBindError. */
export function loopbackHost(host: string | undefined): string {
  const chosen = host ?? '127.0.0.1';
  if (!LOOPBACK_BIND_ADDRESSES.includes(chosen)) throw new NonLoopbackBindError(chosen);
  return chosen;
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ApiServerOptions): Promise<void> {
  checkLoopbackRequest(req);
  checkBearer(req, options.token);
  const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/';
  const route = ROUTES[path];
  if (!route) throw new RouteNotFoundError(req.method ?? '', path);
  if (!route.methods.includes(req.method ?? '')) throw new RouteNotFoundError(req.method ?? '', path, route.methods);
  await route.handle(req, res, options.access);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      fail(error.code === 'EADDRINUSE' ? new PortUnavailableError(port, 'another program is listening on it') : error.code === 'EACCES' ? new PortUnavailableError(port, 'permission denied') : error);
    });
    server.listen({ host, port, exclusive: true }, () => done());
  });
}

function isUnexpected(error: unknown): boolean {
  return !(error instanceof HttpRequestError) && !(error instanceof TroveError);
}
