/**
 * The host inside Electron's utilityProcess. The main process hands over one MessagePort per window (after
 * checking the window is the app's own); the host serves the API on each. Running apart from the window's
 * main process means a long parse or a model crash never freezes or kills the window.
 */
import { resolveDataDir } from '../core/data-dir.ts';
import type { PortLike } from '../shared/rpc.ts';
import { startHost } from './host.ts';

/** The slice of Electron's MessagePortMain and parentPort the host uses (the host never imports electron). */
interface MessagePortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  off(event: 'message', listener: (event: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  start(): void;
}
interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: MessagePortMainLike[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) throw new Error('utility-entry.ts runs only inside an Electron utilityProcess');

const host = await startHost({ dataDir: resolveDataDir() });

parentPort.on('message', ({ data, ports }) => {
  const port = ports[0];
  if ((data as { type?: unknown } | null)?.type !== 'connect' || !port) return;
  const disconnect = host.connect(portLike(port));
  port.on('close', disconnect);
  port.start();
});
parentPort.postMessage({ type: 'ready' });

process.on('SIGTERM', () => {
  void host.dispose().finally(() => process.exit(0));
});

function portLike(port: MessagePortMainLike): PortLike {
  return {
    send: (message) => port.postMessage(message),
    onMessage(listener) {
      const handler = (event: { data: unknown }) => listener(event.data);
      port.on('message', handler);
      return () => port.off('message', handler);
    },
  };
}
