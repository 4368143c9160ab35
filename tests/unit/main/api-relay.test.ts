import { describe, expect, test, vi } from 'vitest';
import { FakeIpcMain } from './electron-stand-in.ts';

vi.mock('electron', () => ({}));

const { channelOf, registerApiRelay } = await import('../../../electron/main/api-relay.ts');
const { shellHandlers } = await import('../../../electron/main/shell-handlers.ts');
const { API_METHODS, HOST_METHODS, MAIN_ONLY_METHODS, SHELL_METHODS } = await import('../../../electron/shared/methods.ts');

const appWindow = { id: 'app' };
const appFrame = { url: 'file:///opt/trove/out/renderer/index.html' };

function setUp() {
  const ipc = new FakeIpcMain();
  const hostCalls: { method: string; params: unknown }[] = [];
  const callHost = async (method: string, params: unknown) => {
    hostCalls.push({ method, params });
    if (method === 'resolveIndexedFile') {
      const { path } = params as { path: string };
      return path === '/docs/a.md' ? { ok: true as const, value: { path } } : { ok: false as const, error: { code: 'INVALID_ARGUMENT', message: 'not indexed', action: '' } };
    }
    return { ok: true as const, value: `host:${method}` };
  };
  const opened: string[] = [];
  const shell = shellHandlers({
    dialog: { showOpenDialog: async () => ({ canceled: false, filePaths: ['/chosen'] }), showSaveDialog: async () => ({ canceled: false, filePath: '/chosen.jsonl' }) },
    shell: { openPath: async (path: string) => (opened.push(path), ''), showItemInFolder: (path: string) => void opened.push(`reveal:${path}`) },
    window: () => undefined,
    callHost,
  });
  registerApiRelay(ipc, {
    isTrustedSender: (event) => event.sender === (appWindow as unknown) && event.senderFrame?.url === appFrame.url,
    callHost,
    shell,
  });
  const invoke = (method: string, params: unknown, sender: unknown = appWindow, frame: { url: string } | null = appFrame) => {
    const handler = ipc.handlers.get(`trove:${method}`)?.[0];
    if (!handler) throw new Error(`no handler for ${method}`);
    return handler({ sender, senderFrame: frame }, params);
  };
  return { ipc, hostCalls, opened, invoke };
}

describe('the API relay in main', () => {
  test('registers exactly one handler per API method, and none for main-only host methods', () => {
    const { ipc } = setUp();
    expect([...ipc.handlers.keys()].sort()).toEqual(API_METHODS.map(channelOf).sort());
    for (const handlers of ipc.handlers.values()) expect(handlers).toHaveLength(1);
    for (const method of MAIN_ONLY_METHODS) expect(ipc.handlers.has(`trove:${method}`)).toBe(false);
    expect(API_METHODS).toHaveLength(HOST_METHODS.length - MAIN_ONLY_METHODS.length + SHELL_METHODS.length);
  });

  test('refuses calls from another window or another page, before they reach the host', async () => {
    const { invoke, hostCalls } = setUp();
    await expect(invoke('status', {}, { id: 'other' })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(invoke('status', {}, appWindow, { url: 'https://evil.example/' })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(invoke('status', {}, appWindow, null)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(hostCalls).toEqual([]);
  });

  test('validates params at the boundary', async () => {
    const { invoke, hostCalls } = setUp();
    await expect(invoke('addFolder', { path: 42 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    await expect(invoke('addFolder', { path: '/x', extra: true })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(hostCalls).toEqual([]);
    await expect(invoke('addFolder', { path: '/x' })).resolves.toEqual({ ok: true, value: 'host:addFolder' });
    expect(hostCalls).toEqual([{ method: 'addFolder', params: { path: '/x' } }]);
  });

  test('runs dialogs in main and opens only files the host says are indexed', async () => {
    const { invoke, opened } = setUp();
    await expect(invoke('chooseFolder', {})).resolves.toEqual({ ok: true, value: '/chosen' });
    await expect(invoke('chooseExportFile', {})).resolves.toEqual({ ok: true, value: '/chosen.jsonl' });
    await expect(invoke('openFile', { path: '/docs/a.md' })).resolves.toEqual({ ok: true, value: null });
    await expect(invoke('revealFile', { path: '/docs/a.md' })).resolves.toEqual({ ok: true, value: null });
    await expect(invoke('openFile', { path: '/etc/passwd' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(opened).toEqual(['/docs/a.md', 'reveal:/docs/a.md']);
  });
});
