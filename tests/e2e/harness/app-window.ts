/**
 * The app's window for an e2e test: the engine host in its own process over a data directory, the built
 * renderer served beside it, and a Chromium page with the test bridge standing in for the preload.
 */
import type { Page } from 'playwright-core';
import type { BridgeConfig } from './test-bridge.ts';
import { bridgeScript, launchChromium, RENDERER_OUT } from './browser.ts';
import { startHostProcess, startStaticServer } from './servers.ts';

export interface AppWindow {
  readonly page: Page;
  /** Where the renderer is served: `page.goto` it. */
  readonly url: string;
  /** Closes the browser, the static server and the host, in that order. */
  close(): Promise<void>;
}

export async function openAppWindow(dataDir: string, dialogs: BridgeConfig['dialogs'], hostEnv: NodeJS.ProcessEnv = {}): Promise<AppWindow> {
  const host = await startHostProcess(dataDir, hostEnv);
  const server = await startStaticServer(RENDERER_OUT, host.port);
  const browser = await launchChromium();
  await browser.addInitScript({ content: await bridgeScript({ dialogs }) });
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  return {
    page,
    url: server.url,
    async close() {
      await browser.close();
      await server.close();
      await host.stop();
    },
  };
}
