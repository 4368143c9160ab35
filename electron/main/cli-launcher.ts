/**
 * "Install the trove command" (File menu): writes a small launcher script to ~/.local/bin/trove that runs the
 * app's own built CLI with the app's own runtime (Electron as Node: ELECTRON_RUN_AS_NODE=1) and its native
 * modules, as VS Code does with `code`. No Node.js install is needed. An existing `trove` not written by Trove is
 * never replaced.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';

/** The line that marks a launcher as Trove's own (so reinstalling may replace it). */
export const LAUNCHER_MARK = '# trove-launcher: written by the Trove app';

export interface LauncherTarget {
  /** The app's executable (process.execPath in the main process). */
  readonly execPath: string;
  /** The built CLI inside the app (out/app/cli.mjs). */
  readonly cliPath: string;
  /** better-sqlite3 built for Electron, if the app carries one (the same one the engine host uses). */
  readonly sqliteBinding?: string;
}

export interface LauncherInstall {
  readonly path: string;
  /** Whether the launcher's folder is on PATH, so typing `trove` finds it. */
  readonly onPath: boolean;
}

export class LauncherError extends Error {
  constructor(
    readonly reason: 'unsupported-platform' | 'not-ours',
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'LauncherError';
  }
}

/** Single-quoted for sh: nothing inside is expanded. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export function launcherScript(target: LauncherTarget): string {
  const env = ['ELECTRON_RUN_AS_NODE=1', ...(target.sqliteBinding ? [`TROVE_SQLITE_BINDING=${shellQuote(target.sqliteBinding)}`] : [])];
  return ['#!/bin/sh', LAUNCHER_MARK, `${env.join(' ')} exec ${shellQuote(target.execPath)} ${shellQuote(target.cliPath)} "$@"`, ''].join('\n');
}

/** Writes `<home>/.local/bin/trove` (replacing only a launcher of ours) and makes it executable. */
export async function installCliLauncher(target: LauncherTarget, options: { home: string; platform: NodeJS.Platform; path?: string }): Promise<LauncherInstall> {
  const binDir = join(options.home, '.local', 'bin');
  const path = join(binDir, 'trove');
  if (options.platform === 'win32') {
    throw new LauncherError('unsupported-platform', path, 'Installing the trove command is not available on Windows yet: run the CLI from a checkout with npm link.');
  }
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined && !existing.includes(LAUNCHER_MARK)) {
    throw new LauncherError('not-ours', path, `${path} already exists and was not written by Trove: remove or rename it, then install again.`);
  }
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, launcherScript(target), { mode: 0o755 });
  await chmod(temporary, 0o755);
  await rename(temporary, path);
  const onPath = (options.path ?? '').split(delimiter).some((entry) => entry.replace(/\/+$/, '') === binDir);
  return { path, onPath };
}

/** What the app tells the user afterwards, in one or two sentences. */
export function launcherMessage(install: LauncherInstall): string {
  return install.onPath
    ? `Installed ${install.path}. Open a new terminal and run: trove --help`
    : `Installed ${install.path}. Its folder is not on your PATH: add it (export PATH="$HOME/.local/bin:$PATH" in your shell profile), then run: trove --help`;
}
