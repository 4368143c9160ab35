/**
 * The SDK's own MCP client over stdio (`trove mcp`) and over HTTP (`trove serve`), and the `openai` client against
 * `trove serve`, on the generated tiny chat model: tools listed and called, results equal to `trove search` and
 * `trove ask`, streaming, and a cancelled stream stopping the generation.
 */
import { join } from 'node:path';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestModels } from '../../../scripts/generate-test-models.ts';
import { BIN, runCli } from '../../helpers/run-cli.ts';
import { SAMPLE_FILES, writeFiles } from '../../helpers/sample-folder.ts';
import { startServe, type ServeProcess } from '../../helpers/serve-process.ts';

const QUESTION = 'How many vacation days do employees get?';
let root: string;
let dataDir: string;
let folder: string;
let serve: ServeProcess;

beforeAll(async () => {
  const models = await ensureTestModels();
  root = await mkdtemp(join(tmpdir(), 'trove-mcp-'));
  folder = join(root, 'docs');
  dataDir = join(root, 'data');
  await writeFiles(folder, SAMPLE_FILES);
  await writeFiles(join(root, 'private'), { 'secret.md': 'The vault code is 1234.\n' });
  await symlink(join(root, 'private', 'secret.md'), join(folder, 'link.md'));
  expect((await runCli(['--data-dir', dataDir, 'index', folder, '--embed-model', models.model, '--threads', '1'])).code).toBe(0);
  // Remembers the chat model for the servers.
  expect((await runCli(['--data-dir', dataDir, 'ask', QUESTION, '--model', models.model, '--threads', '1', '--max-tokens', '8'])).code).toBe(0);
  serve = await startServe(dataDir);
});

afterAll(async () => {
  await serve?.stop();
  await rm(root, { recursive: true, force: true });
});

async function cliJson(...args: string[]): Promise<Record<string, unknown>> {
  const result = await runCli(['--data-dir', dataDir, ...args, '--json', '--threads', '1']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** An answer without what differs from run to run (the conversation it was saved in, the timings). */
/** Without what differs between two askings of the same question: its conversation, answer record and timings. */
function comparable(answer: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(answer).filter(([key]) => key !== 'conversation' && key !== 'answerId' && key !== 'timings'));
}

async function exercise(client: Client): Promise<void> {
  const tools = await client.listTools();
  expect(tools.tools.map((tool) => tool.name).sort()).toEqual(['ask', 'read', 'search', 'status']);

  const search = await client.callTool({ name: 'search', arguments: { query: 'vacation days', k: 5, mode: 'hybrid' } });
  expect(search.isError).toBeFalsy();
  expect(search.structuredContent).toEqual(await cliJson('search', 'vacation days', '--k', '5', '--mode', 'hybrid'));
  expect(JSON.parse((search.content as { text: string }[])[0]?.text ?? '')).toEqual(search.structuredContent);

  const ask = await client.callTool({ name: 'ask', arguments: { question: QUESTION } });
  expect(ask.isError).toBeFalsy();
  const answer = ask.structuredContent as Record<string, unknown>;
  expect(answer.kind).toBe('generated');
  expect(answer.answerId).toMatch(/^\d+$/);
  expect(comparable(answer)).toEqual(comparable(await cliJson('ask', QUESTION)));
  const followUp = await client.callTool({ name: 'ask', arguments: { question: 'And in March?', conversation: answer.conversation } });
  expect((followUp.structuredContent as Record<string, unknown>).conversation).toBe(answer.conversation);

  const read = await client.callTool({ name: 'read', arguments: { path: join(folder, 'handbook/vacation.md'), startLine: 5, endLine: 5 } });
  expect(read.structuredContent).toMatchObject({ text: 'Employees accrue twenty days of paid vacation per year.', start: 5, end: 5 });
  for (const path of [join(root, 'private', 'secret.md'), `${folder}/../private/secret.md`, join(folder, 'link.md')]) {
    const refused = await client.callTool({ name: 'read', arguments: { path } });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).not.toContain('1234');
  }

  const status = await client.callTool({ name: 'status', arguments: {} });
  expect((status.structuredContent as { folders: { path: string }[] }).folders.map((f) => f.path)).toEqual([folder]);

  const resources = await client.listResources();
  const uris = resources.resources.map((r) => r.uri);
  expect(uris).toContain('trove://folders');
  expect(uris).toContain(`file://${join(folder, 'handbook/vacation.md')}`);
  const doc = await client.readResource({ uri: `file://${join(folder, 'notes/meeting.txt')}` });
  expect((doc.contents[0] as { text: string }).text).toContain('quarterly roadmap review');
}

describe('MCP', () => {
  it('over stdio (trove mcp) with the SDK client', async () => {
    const client = new Client({ name: 'trove-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, '--data-dir', dataDir, 'mcp', '--threads', '1'], stderr: 'pipe' }));
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });

  it('over Streamable HTTP (trove serve /mcp) with the SDK client', async () => {
    const client = new Client({ name: 'trove-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', serve.url), { requestInit: { headers: { Authorization: `Bearer ${serve.token}` } } }));
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });
});

describe('OpenAI-compatible API with the openai client', () => {
  const openai = () => new OpenAI({ baseURL: `${serve.url}/v1`, apiKey: serve.token, maxRetries: 0 });

  it('lists the models and answers as `trove ask` does, with citations in `trove`', async () => {
    const models = await openai().models.list();
    expect(models.data.map((m) => m.id)).toEqual(['trove', 'trove-embedding']);
    const completion = await openai().chat.completions.create({ model: 'trove', messages: [{ role: 'user', content: QUESTION }] });
    const cli = await cliJson('ask', QUESTION);
    expect(completion.choices[0]?.message.content).toBe(cli.answer);
    const trove = (completion as unknown as { trove: Record<string, unknown> }).trove;
    expect(trove).toMatchObject({ kind: 'generated', citations: cli.citations, model: 'tiny-llama.gguf' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('streams the same answer as server-sent events, citations in the last chunk', async () => {
    const stream = await openai().chat.completions.create({ model: 'trove', messages: [{ role: 'user', content: QUESTION }], stream: true });
    let text = '';
    let chunks = 0;
    let trove: Record<string, unknown> | undefined;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      trove ??= (chunk as unknown as { trove?: Record<string, unknown> }).trove;
    }
    const plain = await openai().chat.completions.create({ model: 'trove', messages: [{ role: 'user', content: QUESTION }] });
    expect(chunks).toBeGreaterThan(3);
    expect(text).toBe(plain.choices[0]?.message.content);
    expect(trove?.citations).toEqual((plain as unknown as { trove: { citations: unknown } }).trove.citations);
  });

  it('stops generating when the client cancels the stream', async () => {
    const answered = async () => {
      const exported = await runCli(['--data-dir', dataDir, 'audit', '--json']);
      expect(exported.code).toBe(0);
      return (JSON.parse(exported.stdout) as { entries: { question: string; aborted: boolean }[] }).entries.filter((e) => e.question === QUESTION);
    };
    const before = (await answered()).length;
    const stream = await openai().chat.completions.create({ model: 'trove', messages: [{ role: 'user', content: QUESTION }], stream: true });
    // Cancelled at the first generated token: the model is mid-answer.
    for await (const chunk of stream) {
      if (!chunk.choices[0]?.delta.content) continue;
      stream.controller.abort();
      break;
    }
    // The server records every answer in the audit log; the cancelled one ends up there as aborted.
    let entries = await answered();
    while (entries.length === before) entries = await answered();
    expect(entries.map((e) => e.aborted)).toEqual([...Array<boolean>(before).fill(false), true]);
    // And the server goes on answering.
    expect((await openai().models.list()).data.length).toBe(2);
  });

  it('embeds text with the configured embedding model', async () => {
    const result = await openai().embeddings.create({ model: 'trove-embedding', input: ['vacation days', 'budget spreadsheet'] });
    expect(result.data).toHaveLength(2);
    expect(result.data[0]?.embedding).toHaveLength(64);
    const floats = await openai().embeddings.create({ model: 'trove-embedding', input: 'vacation days', encoding_format: 'float' });
    expect(floats.data[0]?.embedding.map((x) => x.toFixed(5))).toEqual(result.data[0]?.embedding.map((x) => x.toFixed(5)));
  });
});
