/**
 * `trove serve` under load while a folder is being indexed: a real server (child process, generated tiny chat
 * and embedding model) gets rounds of 20 concurrent MCP `search` calls and 2 streamed chat completions while a
 * separate `trove index` adds a folder of generated files to the same index. Every request must succeed, and
 * afterwards the index must hold every file of the new folder. Reports p50/p95 per kind of request.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { openEngine } from '../../electron/core/open-engine.ts';
import { ensureTestModels } from '../generate-test-models.ts';
import { SAMPLE_FILES, writeFiles } from '../../tests/helpers/sample-folder.ts';
import { percentile } from './stats.ts';

const BIN = resolve(import.meta.dirname, '../../bin/trove.mjs');
const SEARCHES = 20;
const ANSWERS = 2;
const ROUNDS = 3;
const NEW_FILES = 600;

export interface ServeLoadResult {
  readonly rounds: number;
  readonly searches: { readonly count: number; readonly p50Ms: number; readonly p95Ms: number };
  readonly answers: { readonly count: number; readonly firstTokenP50Ms: number; readonly p50Ms: number; readonly p95Ms: number };
  readonly failures: number;
  readonly filesIndexed: number;
  readonly filesExpected: number;
  readonly roundsDuringIndexing: number;
}

const run = promisify(execFile);

export async function benchServeLoad(): Promise<ServeLoadResult> {
  const { model } = await ensureTestModels();
  const root = await mkdtemp(join(tmpdir(), 'trove-serve-load-'));
  const dataDir = join(root, 'data');
  const trove = (...args: string[]) => run(process.execPath, [BIN, '--data-dir', dataDir, ...args], { maxBuffer: 1 << 26 });
  try {
    await writeFiles(join(root, 'handbook'), SAMPLE_FILES);
    await writeFiles(join(root, 'incoming'), generatedFiles(NEW_FILES));
    await trove('index', join(root, 'handbook'), '--embed-model', model, '--threads', '1');
    await trove('ask', 'How many vacation days?', '--model', model, '--max-tokens', '8', '--threads', '1');
    const server = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'serve', '--port', '0', '--threads', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((done) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /serving on (http:\/\/\S+)/.exec(out);
          if (match) done(match[1] as string);
        });
      });
      const token = (await readFile(join(dataDir, 'api-token'), 'utf8')).trim();
      const indexing = trove('index', join(root, 'incoming'), '--threads', '1');
      let indexDone = false;
      void indexing.then(() => (indexDone = true), () => (indexDone = true));
      const searches: number[] = [];
      const answers: number[] = [];
      const firstTokens: number[] = [];
      let failures = 0;
      let roundsDuringIndexing = 0;
      for (let round = 0; round < ROUNDS; round++) {
        if (!indexDone) roundsDuringIndexing++;
        const outcomes = await Promise.allSettled([
          ...Array.from({ length: SEARCHES }, (_, i) => timed(() => mcpSearch(url, token, i)).then((ms) => searches.push(ms))),
          ...Array.from({ length: ANSWERS }, () => streamedAnswer(url, token).then(({ totalMs, firstTokenMs }) => (answers.push(totalMs), firstTokens.push(firstTokenMs)))),
        ]);
        for (const outcome of outcomes) {
          if (outcome.status === 'fulfilled') continue;
          failures++;
          console.error(`serve-load: ${outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)}`);
        }
      }
      await indexing;
      const engine = await openEngine({ dataDir });
      const folder = engine.status().folders.find((f) => f.path === join(root, 'incoming'));
      await engine.dispose();
      return {
        rounds: ROUNDS,
        searches: { count: searches.length, p50Ms: percentile(searches, 50), p95Ms: percentile(searches, 95) },
        answers: { count: answers.length, firstTokenP50Ms: percentile(firstTokens, 50), p50Ms: percentile(answers, 50), p95Ms: percentile(answers, 95) },
        failures,
        filesIndexed: folder?.documents ?? 0,
        filesExpected: NEW_FILES,
        roundsDuringIndexing,
      };
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function serveLoadMarkdown(r: ServeLoadResult): string {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  return [
    '| request (concurrent per round) | completed | p50 | p95 |',
    '|---|---|---|---|',
    `| MCP \`search\` over HTTP (${SEARCHES}) | ${r.searches.count} | ${ms(r.searches.p50Ms)} | ${ms(r.searches.p95Ms)} |`,
    `| streamed \`/v1/chat/completions\` (${ANSWERS}), whole answer | ${r.answers.count} | ${ms(r.answers.p50Ms)} | ${ms(r.answers.p95Ms)} |`,
    `| the same, first token | ${r.answers.count} | ${ms(r.answers.firstTokenP50Ms)} | |`,
    '',
    `${r.rounds} rounds, ${r.roundsDuringIndexing} of them started while \`trove index\` was adding ${r.filesExpected} files; ${r.failures} requests failed; ` +
      `afterwards ${r.filesIndexed} of ${r.filesExpected} files were indexed.`,
  ].join('\n');
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function mcpSearch(url: string, token: string, i: number): Promise<void> {
  const response = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'search', arguments: { query: i % 2 ? 'vacation days' : 'quarterly budget report', k: 10 } } }),
  });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"isError":true') || !text.includes('"results"')) throw new Error(`search failed: ${response.status} ${text.slice(0, 200)}`);
}

async function streamedAnswer(url: string, token: string): Promise<{ totalMs: number; firstTokenMs: number }> {
  const start = performance.now();
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'trove', stream: true, max_tokens: 64, messages: [{ role: 'user', content: 'How many vacation days do employees get?' }] }),
  });
  if (response.status !== 200 || !response.body) throw new Error(`answer failed: ${response.status}`);
  let firstTokenMs = Number.NaN;
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    if (Number.isNaN(firstTokenMs) && /"delta":\{"content":"[^"]/.test(text)) firstTokenMs = performance.now() - start;
  }
  if (!text.trimEnd().endsWith('data: [DONE]') || text.includes('"error"')) throw new Error(`answer stream failed: ${text.slice(-300)}`);
  return { totalMs: performance.now() - start, firstTokenMs };
}

function generatedFiles(count: number): Record<string, string> {
  const words = ['budget', 'roadmap', 'invoice', 'policy', 'vacation', 'laptop', 'quarterly', 'report', 'meeting', 'travel', 'expense', 'review'];
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `notes/${Math.floor(i / 50)}/note-${i}.md`,
      `# Note ${i}\n\n${Array.from({ length: 40 }, (_, j) => `${words[(i + j) % words.length]} ${words[(i * 7 + j * 3) % words.length]} item ${i}-${j}.`).join(' ')}\n`,
    ]),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { describeMachine } = await import('./machine.ts');
  console.log(`Machine: ${describeMachine()}\n`);
  console.log(serveLoadMarkdown(await benchServeLoad()));
  process.exit(0);
}
