/**
 * The window's security settings, in one place so a unit test can hold every window to them: an isolated,
 * sandboxed renderer without Node; a strict CSP; no navigation, no new windows (external links go to the
 * system browser), no permissions, and no network request but the app's own files (and the dev server).
 */
import { pathToFileURL } from 'node:url';
import type { Session, WebContents, WebPreferences } from 'electron';
import { contentSecurityPolicy } from '../shared/csp.ts';

export interface AppOrigin {
  /** The folder holding the window bundle; only file:// URLs inside it may load. */
  readonly rendererDir: string;
  /** The Vite dev server in development (npm start with TROVE_DEV_SERVER), else undefined. */
  readonly devServerUrl?: string;
}

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

/** Whether a URL is one of the app's own files (or the dev server's). */
export function isAppUrl(url: string, origin: AppOrigin): boolean {
  if (origin.devServerUrl && url.startsWith(origin.devServerUrl)) return true;
  const root = pathToFileURL(origin.rendererDir).href.replace(/\/?$/, '/');
  return url.startsWith(root) && !url.slice(root.length).split(/[?#]/)[0]?.split('/').includes('..');
}

/** Only http(s) links go to the system browser; anything else (file:, javascript:, custom schemes) is dropped. */
export function isExternalLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export function hardenSession(session: Session, origin: AppOrigin): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    // devtools: lets the developer tools of a development build load; they are never opened in production.
    const allowed = isAppUrl(details.url, origin) || (origin.devServerUrl !== undefined && details.url.startsWith('devtools:'));
    callback({ cancel: !allowed });
  });
  const devConnect = origin.devServerUrl ? [origin.devServerUrl, origin.devServerUrl.replace(/^http/, 'ws')] : [];
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy(devConnect)] } });
  });
}

export function hardenContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) openExternal(url);
    return { action: 'deny' };
  });
}
