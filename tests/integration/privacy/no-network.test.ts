/**
 * Privacy: indexing, embedding, every search mode and answering with a chat model open no network connection.
 * Every socket, DNS, HTTP, fetch and UDP entry point is replaced by one that records and throws, first in this
 * process (the engine with the generated tiny models), then in the real `trove` command via a --import preload
 * that makes the process exit with 97 on any attempt.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { LlamaEmbedder } from '../../../electron/core/models/llama-embedder.ts';
import { LlamaGenerator } from '../../../electron/core/models/llama-generator.ts';
import { SEARCH_MODES } from '../../../electron/core/search/searcher.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../../native/llama.ts';
import { ensureTestModels, type TestModelPaths } from '../../../scripts/generate-test-models.ts';
import { blockNetwork, type NetworkAttempt } from '../../helpers/no-network.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { SAMPLE_FILES, writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const PRELOAD = pathToFileURL(join(import.meta.dirname, '../../helpers/no-network-preload.mjs')).href;
let models: TestModelPaths;
let block: { attempts: NetworkAttempt[]; restore: () => void } | undefined;

beforeAll(async () => {
  models = await ensureTestModels();
});
afterAll(async () => {
  block?.restore();
  await disposeLlamaRuntime();
});

describe('no network access', () => {
  it('the block itself catches every kind of attempt (so a zero count means something)', async () => {
    const probe = blockNetwork();
    try {
      const net = await import('node:net');
      const http = await import('node:http');
      const dns = await import('node:dns');
      const dgram = await import('node:dgram');
      const tries: (() => unknown)[] = [
        () => net.connect(80, 'example.com'),
        () => new net.Socket().connect(443, 'example.com'),
        () => http.get('http://example.com/'),
        () => dns.lookup('example.com', () => {}),
        () => dns.promises.resolve4('example.com'),
        () => dgram.createSocket('udp4'),
        () => fetch('https://example.com/'),
      ];
      for (const attempt of tries) expect(attempt).toThrow(/blocked by the privacy test/);
      expect(probe.attempts.map((a) => a.api)).toEqual([
        'net.connect', 'net.Socket.connect', 'http.get', 'dns.lookup', 'dns.promises.resolve4', 'dgram.createSocket', 'fetch',
      ]);
    } finally {
      probe.restore();
    }
  });

  it('indexing, embedding, bm25/vector/hybrid search and a generated answer make zero attempts', async () => {
    block = blockNetwork();
    // Everything from here, the llama runtime's start included, runs with the network blocked.
    await getLlamaRuntime({ threads: 1 });
    const embedder = await LlamaEmbedder.load(models.model, { threads: 1 });
    const generator = await LlamaGenerator.load(models.model, { threads: 1, contextSize: 512 });
    const folder = await tempDir();
    await writeFiles(folder, SAMPLE_FILES);
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), embedder, generator });
    try {
      const [summary] = await engine.index([folder]);
      expect(summary?.indexed).toBeGreaterThan(0);
      expect(engine.status().counts.vectors).toBe(engine.status().counts.chunks);
      for (const mode of SEARCH_MODES) {
        const response = await engine.search('vacation days', { mode, k: 3 });
        expect(response.results.length).toBeGreaterThan(0);
      }
      const answer = await engine.ask('How many vacation days do employees get?', { maxAnswerTokens: 8 });
      expect(answer.kind).toBe('generated');
      expect(block.attempts).toEqual([]);
    } finally {
      await engine.dispose();
      block.restore();
    }
  });

  it('the trove command (index with an embedding model, search in every mode, ask) makes zero attempts', async () => {
    const folder = await tempDir();
    await writeFiles(folder, SAMPLE_FILES);
    const dataDir = await tempDir();
    const env = { NODE_OPTIONS: `--import=${PRELOAD}` };
    const trove = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);
    const runs = [
      await trove('index', folder, '--embed-model', models.model, '--threads', '1'),
      ...(await Promise.all(SEARCH_MODES.map((mode) => trove('search', 'vacation days', '--mode', mode, '--threads', '1')))),
      await trove('ask', 'How many vacation days do employees get?', '--model', models.model, '--max-tokens', '8', '--threads', '1'),
      await trove('status'),
    ];
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/NETWORK ATTEMPT/);
      expect(run.code).toBe(0);
    }
  });

  it('the preload does fail a command that tries to connect', async () => {
    const { execFile } = await import('node:child_process');
    const code = await new Promise<number | null>((done) => {
      const script = "try { require('node:net').connect(9, '127.0.0.1') } catch {}";
      execFile(process.execPath, ['--import', PRELOAD, '-e', script], (error) => done(error ? (error.code as number) : 0));
    });
    expect(code).toBe(97);
  });
});
