/**
 * Makes sure the Electron binary is installed before `npm start` / `npm run dev`. npm 11 blocks dependency
 * install scripts that package.json's "allowScripts" does not list, and Electron's is left out on purpose (CI
 * and test machines never need the binary), so on a developer's machine the download happens here, once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function ensureElectron(): void {
  const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  if (existsSync(join(electronDir, 'path.txt'))) return;
  console.log('Downloading the Electron binary (once)…');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Could not download Electron. Check the network connection, then run `npm start` again.');
    process.exit(result.status ?? 1);
  }
}

const invokedDirectly = process.argv[1]?.endsWith('ensure-electron.ts') ?? false;
if (invokedDirectly) ensureElectron();
