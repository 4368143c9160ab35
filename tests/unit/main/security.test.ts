import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { FakeBrowserWindow, FakeSession } from './electron-stand-in.ts';

vi.mock('electron', () => ({ BrowserWindow: FakeBrowserWindow }));

const { createMainWindow } = await import('../../../electron/main/window.ts');
const { hardenSession, isAppUrl } = await import('../../../electron/main/security.ts');
const { contentSecurityPolicy } = await import('../../../electron/shared/csp.ts');
const { BrowserWindow } = await import('electron');

const rendererDir = '/opt/trove/out/renderer';
const origin = { rendererDir };

function openWindow(openExternal: (url: string) => void = () => undefined) {
  return createMainWindow({
    BrowserWindow,
    openExternal,
    preloadPath: '/opt/trove/out/preload/index.cjs',
    stateFile: '/nonexistent/window-state.json',
    origin,
  }) as unknown as FakeBrowserWindow;
}

beforeEach(() => {
  FakeBrowserWindow.created.length = 0;
});

describe('every window', () => {
  test('is created isolated, sandboxed, without Node, with web security and the preload', () => {
    openWindow();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    for (const win of FakeBrowserWindow.created) {
      expect(win.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: '/opt/trove/out/preload/index.cjs',
      });
    }
    expect(FakeBrowserWindow.created[0]?.loaded).toBe(`file:${join(rendererDir, 'index.html')}`);
  });

  test('blocks navigation and new windows; only http(s) links go to the system browser', () => {
    const opened: string[] = [];
    const win = openWindow((url) => opened.push(url));
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      win.webContents.emit(name, event, 'https://example.com/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    const handler = win.webContents.windowOpenHandler;
    expect(handler?.({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/docs']);
  });
});

describe('the session', () => {
  test('denies every permission request and check', () => {
    const session = new FakeSession();
    hardenSession(session as never, origin);
    const granted = vi.fn();
    session.permissionRequest?.({}, 'media', granted);
    session.permissionRequest?.({}, 'notifications', granted);
    expect(granted.mock.calls).toEqual([[false], [false]]);
    expect(session.permissionCheck?.({}, 'clipboard-read')).toBe(false);
  });

  test('refuses every network request except the app files', () => {
    const session = new FakeSession();
    hardenSession(session as never, origin);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      session.beforeRequest?.({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    const appFile = pathToFileURL(join(rendererDir, 'assets/index.js')).href;
    expect(decide(appFile)).toBe(false);
    expect(decide(pathToFileURL(join(rendererDir, 'index.html')).href)).toBe(false);
    expect(decide('https://example.com/')).toBe(true);
    expect(decide('http://127.0.0.1:8080/')).toBe(true);
    expect(decide('ws://127.0.0.1:5173/')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide(`${pathToFileURL(rendererDir).href}/../../secret.txt`)).toBe(true);
    expect(decide('devtools://devtools/bundled/inspector.html')).toBe(true);
  });

  test('in development, the dev server is the one extra origin allowed', () => {
    const session = new FakeSession();
    hardenSession(session as never, { rendererDir, devServerUrl: 'http://127.0.0.1:5173/' });
    let cancel: boolean | undefined;
    session.beforeRequest?.({ url: 'http://127.0.0.1:5173/src/main.tsx' }, (r) => (cancel = r.cancel));
    expect(cancel).toBe(false);
    session.beforeRequest?.({ url: 'http://127.0.0.1:5174/' }, (r) => (cancel = r.cancel));
    expect(cancel).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5173/', { rendererDir, devServerUrl: 'http://127.0.0.1:5173/' })).toBe(true);
  });

  test('sends the strict Content-Security-Policy with every response', () => {
    const session = new FakeSession();
    hardenSession(session as never, origin);
    let headers: Record<string, string[]> | undefined;
    session.headersReceived?.({ responseHeaders: { 'x-other': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers?.['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
    expect(headers?.['x-other']).toEqual(['1']);
    expect(contentSecurityPolicy()).toContain("default-src 'none'");
    expect(contentSecurityPolicy()).toContain("script-src 'self'");
    expect(contentSecurityPolicy()).not.toContain('unsafe');
  });
});
