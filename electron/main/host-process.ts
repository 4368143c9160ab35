/**
 * Starts the engine host in Electron's utilityProcess and talks to it over a MessageChannelMain port. If the
 * host dies (a model crash, out of memory), the window is told and a new host is started: the window lives on.
 */
import type { MessageChannelMain as MessageChannelMainType, UtilityProcess } from 'electron';
import type { ApiEvent, Reply } from '../shared/api.ts';
import { connectRpc, type PortLike, type RpcClient } from '../shared/rpc.ts';

export interface HostProcessDeps {
  readonly fork: (modulePath: string, env: NodeJS.ProcessEnv) => UtilityProcess;
  readonly MessageChannelMain: new () => MessageChannelMainType;
  readonly entry: string;
  readonly env: NodeJS.ProcessEnv;
  readonly onEvent: (event: ApiEvent) => void;
}

export interface HostConnection {
  call(method: string, params: unknown): Promise<Reply<unknown>>;
  stop(): void;
}

export function startHostProcess(deps: HostProcessDeps): HostConnection {
  let client: RpcClient;
  let child: UtilityProcess;
  let stopping = false;
  const start = () => {
    child = deps.fork(deps.entry, deps.env);
    const { port1, port2 } = new deps.MessageChannelMain();
    const port: PortLike = {
      send: (message) => port1.postMessage(message),
      onMessage(listener) {
        const handler = (event: Electron.MessageEvent) => listener(event.data);
        port1.on('message', handler);
        return () => port1.off('message', handler);
      },
    };
    client = connectRpc(port);
    client.onEvent(deps.onEvent);
    port1.start();
    child.postMessage({ type: 'connect' }, [port2]);
    child.once('exit', (code) => {
      client.close({ code: 'INTERNAL', message: `Trove's engine stopped (exit code ${code}).`, action: 'Try again; if it keeps happening, choose a smaller model.' });
      if (stopping) return;
      deps.onEvent({ type: 'host-crashed', message: `Trove's engine stopped unexpectedly (exit code ${code}); it was restarted.` });
      start();
    });
  };
  start();
  return {
    call: (method, params) => client.call(method, params),
    stop() {
      stopping = true;
      child.kill();
    },
  };
}
