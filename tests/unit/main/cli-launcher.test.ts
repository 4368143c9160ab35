// "Install the trove command": the launcher written into a temporary HOME, then run as a user's shell would.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installCliLauncher, LAUNCHER_MARK, LauncherError, launcherMessage, launcherScript } from '../../../electron/main/cli-launcher.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('the trove command launcher', () => {
  it('writes an executable ~/.local/bin/trove that runs the given CLI with the app runtime as Node', async () => {
    const home = await tempDir();
    const cli = join(await tempDir(), "it's cli.mjs");
    // A stand-in CLI that prints what it was started with, so the script's quoting and environment are checked.
    await writeFile(cli, 'console.log(JSON.stringify({ args: process.argv.slice(2), asNode: process.env.ELECTRON_RUN_AS_NODE, sqlite: process.env.TROVE_SQLITE_BINDING }));\n');
    const install = await installCliLauncher({ execPath: process.execPath, cliPath: cli, sqliteBinding: '/app/native/better sqlite3.node' }, { home, platform: 'linux', path: `/usr/bin:${home}/.local/bin` });

    expect(install).toEqual({ path: join(home, '.local/bin/trove'), onPath: true });
    expect((await stat(install.path)).mode & 0o111).toBe(0o111);
    const output = execFileSync(install.path, ['search', 'two words', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ args: ['search', 'two words', '--json'], asNode: '1', sqlite: '/app/native/better sqlite3.node' });
  });

  it('replaces its own launcher but never a trove command it did not write', async () => {
    const home = await tempDir();
    const target = { execPath: '/opt/Trove/trove', cliPath: '/opt/Trove/resources/app.asar/out/app/cli.mjs' };
    await installCliLauncher(target, { home, platform: 'linux' });
    const again = await installCliLauncher({ ...target, execPath: '/opt/Trove2/trove' }, { home, platform: 'linux', path: '/usr/bin' });
    expect(await readFile(again.path, 'utf8')).toContain("'/opt/Trove2/trove'");
    expect(again.onPath).toBe(false);
    expect(launcherMessage(again)).toContain('not on your PATH');

    const other = await tempDir();
    await mkdir(join(other, '.local/bin'), { recursive: true });
    await writeFile(join(other, '.local/bin/trove'), '#!/bin/sh\necho mine\n');
    const refused = await installCliLauncher(target, { home: other, platform: 'linux' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LauncherError);
    expect(refused).toMatchObject({ reason: 'not-ours', path: join(other, '.local/bin/trove') });
    expect(await readFile(join(other, '.local/bin/trove'), 'utf8')).toBe('#!/bin/sh\necho mine\n');
  });

  it('says it cannot on Windows, and marks every script it writes', async () => {
    const refused = await installCliLauncher({ execPath: 'C:\\Trove\\Trove.exe', cliPath: 'C:\\x\\cli.mjs' }, { home: await tempDir(), platform: 'win32' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ reason: 'unsupported-platform' });
    expect(launcherScript({ execPath: resolve('/a'), cliPath: '/b' }).split('\n')[1]).toBe(LAUNCHER_MARK);
  });
});
