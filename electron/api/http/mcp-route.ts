/**
 * `/mcp`: MCP over Streamable HTTP, stateless (the SDK's pattern for it: a fresh McpServer and transport per POST,
 * closed with the response). Tools and resources are those of `trove mcp`. The transport reads the body and
 * answers malformed JSON or JSON-RPC with JSON-RPC errors. GET (a server-to-client stream) and DELETE (ending a
 * session) have no meaning without sessions: 405, which the SDK's client expects.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { EngineAccess } from '../engine-access.ts';
import { createMcpServer } from '../mcp-server.ts';
import { MAX_BODY_BYTES } from './body.ts';
import { sendJson } from './respond.ts';

export async function mcpRoute(req: IncomingMessage, res: ServerResponse, access: EngineAccess): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, { jsonrpc: '2.0', error: { code: -32000, message: `${req.method} is not supported: this server is stateless, send JSON-RPC with POST.` }, id: null }, { Allow: 'POST' });
    return;
  }
  const server = createMcpServer(access);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, maxRequestBodySize: MAX_BODY_BYTES });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}
