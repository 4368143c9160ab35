/**
 * Builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node, leaving the Node build in
 * node_modules untouched (tests and the CLI keep using it). The app's main process points the engine host at
 * the Electron build (TROVE_SQLITE_BINDING, read by native/sqlite.ts). sqlite-vec is a SQLite extension and
 * node-llama-cpp ships Node-API binaries, so neither needs an Electron build.
 *
 * Needs Electron's headers (downloaded by node-gyp from electronjs.org) and a C++ toolchain, so it runs on a
 * developer's or packager's machine, not in this project's closed CI:
 *
 *   npx tsx scripts/build-native-electron.ts
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const work = mkdtempSync(join(tmpdir(), 'trove-native-electron-'));
const source = join(work, 'better-sqlite3');
// A copy, so the rebuild cannot replace the Node build in node_modules.
cpSync(join(ROOT, 'node_modules/better-sqlite3'), source, { recursive: true, filter: (path) => !path.includes(`${join('better-sqlite3', 'build')}`) });

const result = spawnSync(
  process.platform === 'win32' ? 'npx.cmd' : 'npx',
  ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'],
  { cwd: source, stdio: 'inherit' },
);
if (result.status !== 0) {
  rmSync(work, { recursive: true, force: true });
  throw new Error(`node-gyp failed (exit ${result.status}); see the output above`);
}
mkdirSync(join(ROOT, 'native/electron'), { recursive: true });
cpSync(join(source, 'build/Release/better_sqlite3.node'), join(ROOT, 'native/electron/better_sqlite3.node'));
rmSync(work, { recursive: true, force: true });
console.log(`native/electron/better_sqlite3.node built for Electron ${electronVersion} (${process.platform}-${process.arch})`);
