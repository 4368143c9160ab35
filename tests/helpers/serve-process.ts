import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN } from './run-cli.ts';

export interface ServeProcess {
  readonly url: string;
  readonly token: string;
  readonly child: ChildProcess;
  /** Everything the server wrote on stderr so far. */
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Starts the real `trove serve --port 0` on a data directory and waits until it prints its address. */
export async function startServe(dataDir: string, extra: readonly string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'serve', '--port', '0', '--threads', '1', ...extra], {
    env: { ...process.env, TROVE_DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(out);
      if (match) done(match[1] as string);
    });
    child.once('exit', (code) => fail(new Error(`trove serve exited with ${code}: ${err}`)));
  });
  const token = (await readFile(join(dataDir, 'api-token'), 'utf8')).trim();
  return {
    url,
    token,
    child,
    stderr: () => err,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done(child.exitCode);
        child.once('exit', (code) => done(code));
        child.kill('SIGTERM');
      }),
  };
}
