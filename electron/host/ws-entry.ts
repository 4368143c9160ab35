/**
 * The same host served over a WebSocket on 127.0.0.1 (a random port), for end-to-end tests that drive the
 * real window bundle in a browser instead of Electron. Prints `{"port":N}` on stdout once it listens.
 *
 *   tsx electron/host/ws-entry.ts --data-dir DIR [--port N]
 */
import { parseArgs } from 'node:util';
import { WebSocketServer } from 'ws';
import type { PortLike } from '../shared/rpc.ts';
import { startHost } from './host.ts';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string', default: '0' }, threads: { type: 'string' } } });
const dataDir = values['data-dir'];
if (!dataDir) throw new Error('--data-dir is required');

const host = await startHost({ dataDir, threads: values.threads ? Number(values.threads) : undefined, folderCheckMs: 300 });
const server = new WebSocketServer({ host: '127.0.0.1', port: Number(values.port) });

server.on('connection', (socket) => {
  const port: PortLike = {
    send: (message) => socket.send(JSON.stringify(message)),
    onMessage(listener) {
      const handler = (data: Buffer) => {
        try {
          listener(JSON.parse(data.toString('utf8')));
        } catch {
          // Not JSON: not a message of ours, ignored like any other malformed message.
        }
      };
      socket.on('message', handler);
      return () => socket.off('message', handler);
    },
  };
  const disconnect = host.connect(port);
  socket.on('close', disconnect);
});

server.on('listening', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : null })}\n`);
});

const stop = () => {
  server.close();
  void host.dispose().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
