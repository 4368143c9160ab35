/**
 * The Electron main process, kept thin: one secure window, the app menu, dialogs, and the relay between the
 * window and the engine host (which runs in its own utilityProcess). It never does engine work itself.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, session, shell, utilityProcess } from 'electron';
import type { ApiEvent } from '../shared/api.ts';
import { EVENT_CHANNEL, registerApiRelay, type InvokeEventLike } from './api-relay.ts';
import { installCliLauncher, launcherMessage } from './cli-launcher.ts';
import { cliEntry, hostEntry } from './host-entry.ts';
import { startHostProcess } from './host-process.ts';
import { menuTemplate } from './menu.ts';
import { hardenSession, isAppUrl, isExternalLink, type AppOrigin } from './security.ts';
import { shellHandlers } from './shell-handlers.ts';
import { createMainWindow } from './window.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const origin: AppOrigin = { rendererDir: join(ROOT, 'out/renderer'), devServerUrl: process.env.TROVE_DEV_SERVER || undefined };
/** better-sqlite3 built for Electron's ABI (scripts/build-native-electron.ts); the Node build stays for tests and the CLI. */
const ELECTRON_SQLITE = join(ROOT, 'native/electron/better_sqlite3.node');

let win: BrowserWindow | undefined;

if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => win?.focus());
app.on('window-all-closed', () => app.quit());
app.on('web-contents-created', (_event, contents) => {
  // No other window or webview is ever wanted: refuse them whoever asks.
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

await app.whenReady();
hardenSession(session.defaultSession, origin);

const send = (event: ApiEvent) => win?.webContents.send(EVENT_CHANNEL, event);
const host = startHostProcess({
  fork: (entry, env) =>
    utilityProcess.fork(entry, [], { serviceName: 'Trove engine', env, stdio: 'inherit', execArgv: env.TROVE_DEBUG ? ['--enable-source-maps'] : [] }),
  MessageChannelMain,
  entry: hostEntry(import.meta.url),
  env: { ...process.env, ...(existsSync(ELECTRON_SQLITE) ? { TROVE_SQLITE_BINDING: ELECTRON_SQLITE } : {}) },
  onEvent: send,
});
app.on('will-quit', () => host.stop());

const isTrustedSender = (event: InvokeEventLike) =>
  win !== undefined && event.sender === win.webContents && event.senderFrame !== null && isAppUrl(event.senderFrame.url, origin);

registerApiRelay(ipcMain, {
  isTrustedSender,
  callHost: (method, params) => host.call(method, params),
  shell: shellHandlers({ dialog, shell, window: () => win, callHost: (method, params) => host.call(method, params) }),
});
/** File → Install the trove Command…: a launcher in ~/.local/bin running this app's CLI (cli-launcher.ts). */
async function installCli(): Promise<void> {
  const target = { execPath: process.execPath, cliPath: cliEntry(import.meta.url), ...(existsSync(ELECTRON_SQLITE) ? { sqliteBinding: ELECTRON_SQLITE } : {}) };
  try {
    const installed = await installCliLauncher(target, { home: app.getPath('home'), platform: process.platform, path: process.env.PATH });
    await dialog.showMessageBox({ type: 'info', message: 'The trove command is installed', detail: launcherMessage(installed) });
  } catch (error) {
    await dialog.showMessageBox({ type: 'error', message: 'Could not install the trove command', detail: error instanceof Error ? error.message : String(error) });
  }
}
Menu.setApplicationMenu(
  Menu.buildFromTemplate(menuTemplate((command) => send({ type: 'menu', command }), process.platform === 'darwin', () => void installCli())),
);

win = createMainWindow({
  BrowserWindow,
  openExternal: (url) => {
    if (isExternalLink(url)) void shell.openExternal(url);
  },
  preloadPath: join(ROOT, 'out/preload/index.cjs'),
  stateFile: join(app.getPath('userData'), 'window-state.json'),
  origin,
});
win.on('closed', () => {
  win = undefined;
});
