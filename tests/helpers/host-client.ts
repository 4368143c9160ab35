/** A test client of the engine host: an in-memory port pair (JSON-cloned like a real transport), the events it receives, and reading replies. */
import { afterEach } from 'vitest';
import { startHost, type Host, type HostOptions } from '../../electron/host/host.ts';
import type { ApiEvent, Reply } from '../../electron/shared/api.ts';
import { connectRpc, type RpcClient } from '../../electron/shared/rpc.ts';
import { portPair } from './port-pair.ts';

export interface HostClient {
  readonly host: Host;
  readonly client: RpcClient;
  /** Every event the host sent this client, in order. */
  readonly events: ApiEvent[];
}

/** Starts a host and connects one client to it; the caller disposes `host`. */
export async function connectHost(options: HostOptions): Promise<HostClient> {
  const host = await startHost(options);
  const [hostSide, clientSide] = portPair();
  host.connect(hostSide);
  const client = connectRpc(clientSide);
  const events: ApiEvent[] = [];
  client.onEvent((event) => events.push(event));
  return { host, client, events };
}

/** One host at a time for a test file: `connect` stops the running one first, and each test's host is stopped after it. */
export function useHosts(defaults: Omit<HostOptions, 'dataDir'> = {}): {
  connect(dataDir: string): Promise<HostClient>;
  stop(): Promise<void>;
} {
  let running: Host | undefined;
  const stop = async () => {
    const host = running;
    running = undefined;
    await host?.dispose();
  };
  afterEach(stop);
  return {
    async connect(dataDir) {
      await stop();
      const connection = await connectHost({ ...defaults, dataDir });
      running = connection.host;
      return connection;
    },
    stop,
  };
}

/** A reply's value; a failed call throws with its code and message. */
export function value<T>(reply: Reply<unknown>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

/** Reads until `ok` holds (polling every 50 ms), or fails with the last value read. */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const current = await read();
    if (ok(current)) return current;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out; last value ${JSON.stringify(current)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
