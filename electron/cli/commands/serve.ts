/**
 * `trove serve`: the local API (MCP at /mcp, OpenAI-compatible at /v1) on 127.0.0.1 until interrupted.
 * `--show-token` prints the bearer token (made on first use in <data dir>/api-token) and exits.
 */
import { resolveDataDir } from '../../core/data-dir.ts';
import { DEFAULT_API_PORT } from '../../api/defaults.ts';
import { singleEngine } from '../../api/engine-access.ts';
import { loopbackHost, startApiServer } from '../../api/http/server.ts';
import { apiToken } from '../../api/token.ts';
import { withEngine, type GlobalOptions } from './open.ts';

interface ServeOptions extends GlobalOptions {
  readonly port?: number;
  readonly host?: string;
  readonly showToken?: boolean;
}

export async function runServe(options: ServeOptions): Promise<void> {
  const host = loopbackHost(options.host);
  const { token, file } = await apiToken(resolveDataDir(options.dataDir));
  if (options.showToken) {
    process.stdout.write(`${token}\n`);
    return;
  }
  await withEngine({ ...options, loadEmbedder: true, answerModels: {}, sharedStore: 'supported' }, async (engine) => {
    const server = await startApiServer({
      access: singleEngine(engine),
      token,
      host,
      port: options.port ?? DEFAULT_API_PORT,
      onInternalError: (error) => process.stderr.write(`trove: unexpected error in a request: ${error instanceof Error ? error.message : String(error)}\n`),
    });
    if (options.json) process.stdout.write(`${JSON.stringify({ url: server.url, mcp: `${server.url}/mcp`, openai: `${server.url}/v1`, tokenFile: file })}\n`);
    else {
      process.stdout.write(
        `Trove is serving on ${server.url} (this computer only)\n` +
          `  MCP (Streamable HTTP): ${server.url}/mcp\n` +
          `  OpenAI-compatible:     ${server.url}/v1  (model "trove")\n` +
          `  Token: Authorization: Bearer <token>, from ${file} (trove serve --show-token prints it)\n` +
          'Ctrl-C stops.\n',
      );
    }
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await server.close();
  });
}
