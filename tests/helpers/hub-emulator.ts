/**
 * An emulated Hugging Face hub for download tests: two node:http servers started by the test. The "hub" on
 * 127.0.0.1 answers `/<repo>/resolve/<revision>/<file>` as huggingface.co does for an LFS file: a 302 to the
 * "CDN" (on `localhost`, another host and port) with X-Linked-Etag (the file's SHA-256, quoted), X-Linked-Size
 * and X-Repo-Commit, or a 404 with X-Error-Code: EntryNotFound. The CDN serves the bytes with Range support
 * and can misbehave as networks do: cut the body, stall, or trickle it out slowly.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HubFile {
  readonly bytes: Uint8Array;
  /** What X-Linked-Etag says: default the bytes' real SHA-256; null sends none (as for a file kept in git). */
  readonly sha256?: string | null;
  /** What X-Linked-Size says (default the real size). */
  readonly size?: number;
  /** The CDN closes the first `cutRequests` (default 1) bodies after this many bytes. */
  readonly cutAfterBytes?: number;
  readonly cutRequests?: number;
  /** The CDN sends this many bytes of the first body, then nothing more until the client goes away. */
  readonly stallAfterBytes?: number;
  /** The CDN sends the body in chunks of this size with a pause after each (to watch a progress bar). */
  readonly trickle?: { readonly chunkBytes: number; readonly pauseMs: number };
}

export interface HubRequest {
  readonly server: 'hub' | 'cdn';
  readonly method: string;
  readonly path: string;
  readonly host: string;
  readonly range: string | undefined;
}

export interface HubEmulator {
  /** e.g. http://127.0.0.1:1234 — what TROVE_MODEL_HUB_URL is set to. */
  readonly hubUrl: string;
  readonly cdnUrl: string;
  readonly requests: HubRequest[];
  /** Adds or replaces a file at `/<repo>/resolve/<revision>/<file>`. */
  readonly put: (path: string, file: HubFile) => void;
  /** Answers `from` (and anything under it) with a relative redirect to `to`, as for a renamed repository. */
  readonly rename: (from: string, to: string) => void;
  close(): Promise<void>;
}

export const HUB_COMMIT = '0123456789abcdef0123456789abcdef01234567';

export async function startHubEmulator(): Promise<HubEmulator> {
  const files = new Map<string, HubFile>();
  const renames = new Map<string, string>();
  const bodiesServed = new Map<string, number>();
  const requests: HubRequest[] = [];
  const record = (server: HubRequest['server'], req: IncomingMessage): string => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ server, method: req.method ?? 'GET', path, host: req.headers.host ?? '', range: req.headers.range });
    return path;
  };

  const cdn = createServer((req, res) => {
    const path = record('cdn', req).replace(/^\/blobs/, '');
    const file = files.get(path);
    if (file === undefined) return void res.writeHead(404).end();
    const served = (bodiesServed.get(path) ?? 0) + 1;
    if (req.method !== 'HEAD') bodiesServed.set(path, served);
    sendBody(req, res, file, served);
  });
  const cdnPort = await listen(cdn);
  const cdnUrl = `http://localhost:${cdnPort}`;

  const hub = createServer((req, res) => {
    const path = record('hub', req);
    for (const [from, to] of renames) {
      if (path.startsWith(from)) return void res.writeHead(307, { Location: `${to}${path.slice(from.length)}` }).end();
    }
    const file = files.get(path);
    if (file === undefined || !/^\/[^/]+\/[^/]+\/resolve\/[^/]+\/.+/.test(path)) {
      return void res.writeHead(404, { 'X-Error-Code': 'EntryNotFound', 'Content-Type': 'text/plain' }).end('Entry not found');
    }
    const sha256 = file.sha256 === undefined ? createHash('sha256').update(file.bytes).digest('hex') : file.sha256;
    const headers: Record<string, string> = {
      Location: `${cdnUrl}/blobs${path}`,
      'X-Repo-Commit': HUB_COMMIT,
      ETag: `"${createHash('sha1').update(file.bytes).digest('hex')}"`,
      'Content-Type': 'text/plain; charset=utf-8',
    };
    if (sha256 !== null) {
      headers['X-Linked-Etag'] = `"${sha256}"`;
      headers['X-Linked-Size'] = String(file.size ?? file.bytes.length);
    }
    res.writeHead(302, headers).end(req.method === 'HEAD' ? undefined : 'Found. Redirecting');
  });
  const hubPort = await listen(hub);

  return {
    hubUrl: `http://127.0.0.1:${hubPort}`,
    cdnUrl,
    requests,
    put: (path, file) => {
      files.set(path, file);
      bodiesServed.delete(path);
    },
    rename: (from, to) => renames.set(from, to),
    close: async () => {
      await Promise.all([close(hub), close(cdn)]);
    },
  };
}

function sendBody(req: IncomingMessage, res: ServerResponse, file: HubFile, served: number): void {
  const body = file.bytes;
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = range === null ? 0 : Number(range[1]);
  if (start >= body.length && range !== null) return void res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
  const headers = { 'Content-Length': String(body.length - start), 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream' };
  if (range !== null) res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` });
  else res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  const rest = body.subarray(start);
  if (file.stallAfterBytes !== undefined && served === 1) {
    res.write(rest.subarray(0, file.stallAfterBytes)); // and nothing more: the client has to give up
    return;
  }
  if (file.cutAfterBytes !== undefined && served <= (file.cutRequests ?? 1)) {
    // Closed a moment after the bytes went out, with a FIN, so the client has read them first.
    res.write(rest.subarray(0, file.cutAfterBytes), () => setTimeout(() => res.socket?.end(), 100));
    return;
  }
  if (file.trickle !== undefined) return void trickle(res, rest, file.trickle);
  res.end(rest);
}

function trickle(res: ServerResponse, rest: Uint8Array, { chunkBytes, pauseMs }: NonNullable<HubFile['trickle']>): void {
  let at = 0;
  const next = (): void => {
    if (res.destroyed) return;
    const chunk = rest.subarray(at, at + chunkBytes);
    at += chunk.length;
    if (at >= rest.length) return void res.end(chunk);
    res.write(chunk, () => setTimeout(next, pauseMs));
  };
  next();
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((done) => {
    server.closeAllConnections();
    server.close(() => done());
  });
}
