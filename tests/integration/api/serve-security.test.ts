/** `trove serve` refuses what is not from this computer or has no token, never binds beyond loopback, and survives bad input. */
import { request } from 'node:http';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NonLoopbackBindError } from '../../../electron/api/errors.ts';
import { startApiServer } from '../../../electron/api/http/server.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { SAMPLE_FILES, writeFiles } from '../../helpers/sample-folder.ts';
import { startServe, type ServeProcess } from '../../helpers/serve-process.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const tempDir = useTempDirs();
let root: string;
let serve: ServeProcess;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'trove-serve-'));
  await writeFiles(join(root, 'docs'), SAMPLE_FILES);
  expect((await runCli(['--data-dir', join(root, 'data'), 'index', join(root, 'docs')])).code).toBe(0);
  serve = await startServe(join(root, 'data'));
});

afterAll(async () => {
  await serve?.stop();
  await rm(root, { recursive: true, force: true });
});

/** A raw request, so Host and Origin can be anything. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const url = new URL(path, serve.url);
  return new Promise((done, fail) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: options.method ?? 'GET', headers: { Authorization: `Bearer ${serve.token}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', fail);
    req.end(options.body);
  });
}

const json = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

describe('trove serve: security', () => {
  it('keeps its token in <data dir>/api-token, readable by the user alone, and prints it with --show-token', async () => {
    expect((await stat(join(root, 'data', 'api-token'))).mode & 0o777).toBe(0o600);
    const shown = await runCli(['--data-dir', join(root, 'data'), 'serve', '--show-token']);
    expect(shown.code).toBe(0);
    expect(shown.stdout.trim()).toBe(serve.token);
    expect(serve.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers 401 without a token or with a wrong one, on every route', async () => {
    for (const path of ['/v1/models', '/mcp', '/v1/chat/completions', '/nothing']) {
      const missing = await send(path, { headers: { Authorization: '' } });
      expect(missing.status).toBe(401);
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(JSON.parse(missing.body).error.code).toBe('missing_token');
      const wrong = await send(path, { headers: { Authorization: `Bearer ${serve.token.slice(1)}x` } });
      expect(wrong.status).toBe(401);
      expect(JSON.parse(wrong.body).error.code).toBe('invalid_token');
    }
    expect((await send('/v1/models')).status).toBe(200);
  });

  it('refuses a Host or Origin that is not this computer (DNS rebinding), and sends no CORS headers', async () => {
    const host = await send('/v1/models', { headers: { Host: 'evil.example' } });
    expect(host.status).toBe(403);
    expect(JSON.parse(host.body).error.code).toBe('host_not_allowed');
    expect((await send('/v1/models', { headers: { Host: `evil.example:${new URL(serve.url).port}` } })).status).toBe(403);
    const origin = await send('/v1/models', { headers: { Origin: 'http://evil.example' } });
    expect(origin.status).toBe(403);
    expect(JSON.parse(origin.body).error.code).toBe('origin_not_allowed');
    expect((await send('/v1/models', { headers: { Origin: 'null' } })).status).toBe(403);
    const preflight = await send('/v1/chat/completions', { method: 'OPTIONS', headers: { Origin: 'http://evil.example', Authorization: '' } });
    expect(preflight.status).toBe(403);
    const local = await send('/v1/models', { headers: { Host: `localhost:${new URL(serve.url).port}`, Origin: 'http://localhost:3000' } });
    expect(local.status).toBe(200);
    expect(Object.keys(local.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('cannot listen on a non-loopback address', async () => {
    const dataDir = await tempDir();
    for (const host of ['0.0.0.0', '::']) {
      const result = await runCli(['--data-dir', dataDir, 'serve', '--port', '0', '--host', host]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${host} is not a loopback address`);
    }
    const access = { use: () => Promise.reject(new Error('not reached')) };
    for (const host of ['192.168.1.10', 'example.com', 'localhost', '']) {
      await expect(startApiServer({ access, token: 'x'.repeat(40), host, port: 0 })).rejects.toBeInstanceOf(NonLoopbackBindError);
    }
  });

  it('answers malformed JSON and JSON-RPC with protocol errors and keeps serving', async () => {
    const badJson = await send('/v1/chat/completions', { method: 'POST', headers: json, body: '{"model": "trove", "messages": [' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    const noMessages = await send('/v1/chat/completions', { method: 'POST', headers: json, body: '{"model": "trove", "messages": []}' });
    expect(noMessages.status).toBe(400);
    expect(JSON.parse(noMessages.body).error).toMatchObject({ code: 'invalid_request', param: 'messages' });
    const assistantLast = await send('/v1/chat/completions', { method: 'POST', headers: json, body: JSON.stringify({ model: 'trove', messages: [{ role: 'assistant', content: 'hi' }] }) });
    expect(assistantLast.status).toBe(400);
    const notJsonType = await send('/v1/embeddings', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(notJsonType.status).toBe(415);
    const tooBig = await send('/v1/chat/completions', { method: 'POST', headers: json, body: `{"model":"trove","messages":[{"role":"user","content":"${'a'.repeat(5 * 1024 * 1024)}"}]}` });
    expect(tooBig.status).toBe(413);
    const rpcParse = await send('/mcp', { method: 'POST', headers: json, body: '{"jsonrpc": "2.0", "id": 1, "method": ' });
    expect(rpcParse.status).toBe(400);
    expect(JSON.parse(rpcParse.body).error.code).toBe(-32700);
    const notRpc = await send('/mcp', { method: 'POST', headers: json, body: '{"hello": "world"}' });
    expect(notRpc.status).toBe(400);
    expect(JSON.parse(notRpc.body).error.code).toBeLessThan(0);
    const unknownMethod = await send('/mcp', { method: 'POST', headers: json, body: '{"jsonrpc": "2.0", "id": 7, "method": "no/such/method"}' });
    expect(unknownMethod.body).toContain('-32601');
    const unknownTool = await send('/mcp', { method: 'POST', headers: json, body: JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 'rm', arguments: {} } }) });
    expect(unknownTool.body).toMatch(/"isError":true|-326/);
    const badArgs = await send('/mcp', { method: 'POST', headers: json, body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'search', arguments: { query: 42 } } }) });
    expect(badArgs.body).toMatch(/"isError":true|-32602/);
    expect((await send('/mcp', { method: 'GET' })).status).toBe(405);
    expect((await send('/v1/models', { method: 'DELETE' })).status).toBe(405);
    expect((await send('/v2/anything')).status).toBe(404);
    // Still serving, and nothing unexpected was logged.
    expect((await send('/v1/models')).status).toBe(200);
    expect(serve.child.exitCode).toBe(null);
    expect(serve.stderr()).not.toContain('unexpected error');
  });

  it('says clearly that embeddings need an embedding model', async () => {
    const reply = await send('/v1/embeddings', { method: 'POST', headers: json, body: JSON.stringify({ model: 'trove-embedding', input: 'hello' }) });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error).toMatchObject({ code: 'model_not_found', message: 'No embedding model is configured, so Trove cannot embed text.' });
  });
});
