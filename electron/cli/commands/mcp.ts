/**
 * `trove mcp`: the MCP server over stdio, for clients that start Trove themselves (Claude Desktop, VS Code…).
 * Stdout carries the protocol only; notices go to stderr. Runs until the client closes stdin.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { singleEngine } from '../../api/engine-access.ts';
import { createMcpServer } from '../../api/mcp-server.ts';
import { withEngine, type GlobalOptions } from './open.ts';

export async function runMcp(options: GlobalOptions): Promise<void> {
  await withEngine({ ...options, loadEmbedder: true, answerModels: {}, sharedStore: 'supported' }, async (engine) => {
    const server = createMcpServer(singleEngine(engine));
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((done) => {
      server.server.onclose = () => done();
      process.stdin.once('end', () => done());
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    await server.connect(transport);
    await closed;
    await server.close();
  });
}
