/**
 * A stand-in for the `electron` module (the binary cannot be installed here): it records what the main
 * process asks of Electron — window options, IPC handlers, session handlers, event listeners — so tests can
 * check them and call the recorded handlers as Electron would.
 */
type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    return this.on(name, listener);
  }
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) listener(...args);
  }
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly sent: { channel: string; payload: unknown }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string | undefined;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadFile(path: string): Promise<void> {
    this.loaded = `file:${path}`;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
  maximize(): void {}
  show(): void {}
  isMaximized(): boolean {
    return false;
  }
  getNormalBounds() {
    return { x: 1, y: 2, width: 900, height: 700 };
  }
}

type RequestCallback = (response: { cancel: boolean }) => void;

export class FakeSession {
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  permissionCheck: ((...args: unknown[]) => boolean) | undefined;
  beforeRequest: ((details: { url: string }, callback: RequestCallback) => void) | undefined;
  headersReceived: ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | undefined;
  readonly webRequest = {
    onBeforeRequest: (handler: FakeSession['beforeRequest']) => {
      this.beforeRequest = handler;
    },
    onHeadersReceived: (handler: FakeSession['headersReceived']) => {
      this.headersReceived = handler;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']): void {
    this.permissionCheck = handler;
  }
}

type InvokeListener = (event: { sender: unknown; senderFrame: { url: string } | null }, params: unknown) => Promise<unknown>;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener[]>();
  handle(channel: string, handler: InvokeListener): void {
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
  }
}
