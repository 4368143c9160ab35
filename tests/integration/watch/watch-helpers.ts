import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Engine } from '../../../electron/core/engine.ts';
import { extractReadFile } from '../../../electron/core/extract/index.ts';
import type { FileEvent } from '../../../electron/core/index/job-runner.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import type { LiveIndex } from '../../../electron/core/watch/live-index.ts';
import { HashingEmbedder } from '../../helpers/fake-embedder.ts';
import { BIN, CLI_TEST_ENV } from '../../helpers/run-cli.ts';

/** Fast timings so tests do not wait on production defaults; the behaviour is the same. */
export const TEST_TIMING = { stabilityMs: 100, pollMs: 20 };

/**
 * Polls `check` until it returns true (or throws after `timeoutMs`), like chokidar's own tests wait for events.
 * The deadline is generous because CI shares 2 cores between test files: these tests assert that a change is
 * picked up at all; how fast is measured by scripts/bench/watch-latency.ts.
 */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 25_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** An engine over a real store with a counting extractor and embedder, and the events a watch emits. */
export async function openWatchedEngine(dataDir: string) {
  const extracted: string[] = [];
  const embedder = new HashingEmbedder(32);
  const store = Store.open(join(dataDir, 'trove.db'));
  const engine = new Engine({
    store,
    embedder,
    extract: (path, bytes) => {
      extracted.push(path);
      return extractReadFile(path, bytes);
    },
  });
  const files: FileEvent[] = [];
  let live: LiveIndex | undefined;
  return {
    engine,
    embedder,
    extracted,
    files,
    async watch() {
      live = await engine.watch({ timing: TEST_TIMING, folderCheckMs: 150, onFile: (event) => files.push(event) });
      return live;
    },
    async paths(query: string): Promise<string[]> {
      return (await engine.search(query, { mode: 'bm25', k: 20 })).results.map((hit) => hit.path);
    },
    async dispose() {
      await live?.dispose();
      await engine.dispose();
    },
  };
}

/** `trove watch` (the real CLI) in a child process, with what it has printed so far; `stop` sends Ctrl-C and gives the exit code. */
export function spawnWatch(args: readonly string[]): { readonly stdout: () => string; readonly stderr: () => string; stop(): Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...CLI_TEST_ENV } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    stop() {
      child.kill('SIGINT');
      return exited;
    },
  };
}
