/** The app's one window: secure settings, remembered bounds, and the bundle (or the dev server) loaded. */
import { join } from 'node:path';
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import { hardenContents, secureWebPreferences, type AppOrigin } from './security.ts';
import { loadWindowState, saveWindowState } from './window-state.ts';

export interface WindowDeps {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowType;
  readonly openExternal: (url: string) => void;
  readonly preloadPath: string;
  readonly stateFile: string;
  readonly origin: AppOrigin;
}

export function createMainWindow(deps: WindowDeps): BrowserWindowType {
  const state = loadWindowState(deps.stateFile);
  const win = new deps.BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 720,
    minHeight: 480,
    title: 'Trove',
    show: false,
    webPreferences: secureWebPreferences(deps.preloadPath),
  });
  hardenContents(win.webContents, deps.openExternal);
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(deps.stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  if (deps.origin.devServerUrl) void win.loadURL(deps.origin.devServerUrl);
  else void win.loadFile(join(deps.origin.rendererDir, 'index.html'));
  return win;
}
