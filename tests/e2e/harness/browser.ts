/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags this closed
 * network needs, and the window bundle built by Vite as the app ships it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { build as viteBuild } from 'vite';
import type { BridgeConfig } from './test-bridge.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_OUT = join(ROOT, 'out/renderer');
export const CHROMIUM = process.env.TROVE_CHROMIUM ?? '/usr/bin/chromium';

export async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: join(ROOT, 'vite.renderer.config.ts'), logLevel: 'warn' });
}

/** The test transport as a script to run in the page before the app's own. */
export async function bridgeScript(config: BridgeConfig): Promise<string> {
  const result = await esbuild({
    entryPoints: [join(import.meta.dirname, 'test-bridge.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'TroveTestBridge',
    platform: 'browser',
    write: false,
  });
  return `${result.outputFiles[0]?.text ?? ''}\nTroveTestBridge.installTestBridge(${JSON.stringify(config)});`;
}

export async function launchChromium(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const userDataDir = await mkdtemp(join(tmpdir(), 'trove-chromium-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
