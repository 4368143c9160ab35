import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export const BIN = resolve(import.meta.dirname, '../../bin/trove.mjs');

/**
 * The environment every CLI test runs with: the TypeScript sources (TROVE_FROM_SOURCES), so `npm test` checks
 * the code as it is now, never a bundle built before the last edit (tests/integration/cli/built-cli.test.ts
 * builds and checks the bundle itself), and no stack traces.
 */
export const CLI_TEST_ENV: NodeJS.ProcessEnv = { TROVE_DEBUG: '', TROVE_FROM_SOURCES: '1' };

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `trove` command in a child process, as a user would. `prefix` wraps the command (e.g.
 * `runuser -u nobody --` to run it as another user); `timeoutMs` kills it after that long (a long indexing run on
 * a busy CI machine needs more than the usual minute).
 */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, prefix: readonly string[] = [], timeoutMs = 60_000): Promise<CliResult> {
  const [command, ...commandArgs] = [...prefix, process.execPath, BIN, ...args];
  return new Promise((done) => {
    execFile(
      command as string,
      commandArgs,
      { env: { ...process.env, ...CLI_TEST_ENV, ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Runs `trove` with `input` piped to its stdin (not a terminal), as a script would. */
export function runCliWithInput(args: readonly string[], input: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...CLI_TEST_ENV, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}
