import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ModelServerOptions {
  /** Cut the connection after this many body bytes on the first N requests (default: never). */
  readonly cutAfterBytes?: number;
  readonly cutRequests?: number;
  /** Answer every request with the whole file (HTTP 200), as servers without Range support do. */
  readonly ignoreRange?: boolean;
}

export interface ModelServer {
  readonly url: (path: string) => string;
  /** Headers of every request received, in order. */
  readonly requests: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/**
 * Serves `files` (path → bytes) on 127.0.0.1 at a random port, with HTTP Range support and a way to drop
 * the connection mid-body, as a flaky network does.
 */
export async function startModelServer(files: ReadonlyMap<string, Uint8Array>, options: ModelServerOptions = {}): Promise<ModelServer> {
  const requests: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.headers);
    const body = files.get(req.url ?? '');
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    let start = 0;
    if (range !== null && !options.ignoreRange) {
      start = Number(range[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, { 'Content-Length': body.length - start, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` });
    } else res.writeHead(200, { 'Content-Length': body.length, 'Accept-Ranges': 'bytes' });
    const rest = body.subarray(start);
    if (options.cutAfterBytes !== undefined && requests.length <= (options.cutRequests ?? 1)) {
      // Closed a moment after the bytes went out (and with a FIN, not a reset) so the client has read them:
      // a fetch body stream that errors drops chunks it has queued but not yet handed over.
      res.write(rest.subarray(0, options.cutAfterBytes), () => setTimeout(() => res.socket?.end(), 100));
      return;
    }
    res.end(rest);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
