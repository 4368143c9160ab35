import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export const BIN = resolve(import.meta.dirname, '../../bin/trove.mjs');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `trove` command in a child process, as a user would. `prefix` wraps the command (e.g.
 * `runuser -u nobody --` to run it as another user).
 */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, prefix: readonly string[] = []): Promise<CliResult> {
  const [command, ...commandArgs] = [...prefix, process.execPath, BIN, ...args];
  return new Promise((done) => {
    execFile(
      command as string,
      commandArgs,
      { env: { ...process.env, TROVE_DEBUG: '', ...env }, timeout: 60_000 },
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
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, TROVE_DEBUG: '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}
