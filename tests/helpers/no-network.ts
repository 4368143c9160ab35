/**
 * Turns every way a Node process can reach the network into a recorded failure: TCP/TLS sockets, DNS, HTTP(S),
 * HTTP/2, fetch and UDP. Used by the privacy tests to prove indexing, search and answering never open a
 * connection. Both the in-process test and the CLI preload (no-network-preload.mjs) install it.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

export interface NetworkAttempt {
  readonly api: string;
  readonly target: string;
}

type Patchable = Record<string, unknown>;

/** Installs the block; returns the attempts seen so far (live array) and a function that restores everything. */
export function blockNetwork(onAttempt: (attempt: NetworkAttempt) => void = () => {}): { attempts: NetworkAttempt[]; restore: () => void } {
  const attempts: NetworkAttempt[] = [];
  const restores: (() => void)[] = [];
  const patch = (owner: object, name: string, api: string): void => {
    const target = owner as Patchable;
    const original = target[name];
    if (typeof original !== 'function') return;
    target[name] = function blocked(...args: unknown[]): never {
      const attempt = { api, target: describeTarget(args) };
      attempts.push(attempt);
      onAttempt(attempt);
      throw new Error(`Network access blocked by the privacy test: ${api}(${attempt.target})`);
    };
    restores.push(() => {
      target[name] = original;
    });
  };

  patch(net.Socket.prototype, 'connect', 'net.Socket.connect');
  patch(net, 'connect', 'net.connect');
  patch(net, 'createConnection', 'net.createConnection');
  patch(tls, 'connect', 'tls.connect');
  for (const name of Object.keys(dns).filter((key) => key === 'lookup' || key === 'lookupService' || key.startsWith('resolve'))) {
    patch(dns, name, `dns.${name}`);
  }
  for (const name of Object.keys(dns.promises).filter((key) => key === 'lookup' || key === 'lookupService' || key.startsWith('resolve'))) {
    patch(dns.promises, name, `dns.promises.${name}`);
  }
  patch(dns.Resolver.prototype, 'resolve', 'dns.Resolver.resolve');
  for (const [module, label] of [[http, 'http'], [https, 'https']] as const) {
    patch(module, 'request', `${label}.request`);
    patch(module, 'get', `${label}.get`);
  }
  patch(http2, 'connect', 'http2.connect');
  patch(dgram, 'createSocket', 'dgram.createSocket');
  patch(globalThis, 'fetch', 'fetch');
  // Named ESM imports of builtins (`import { connect } from 'node:net'`) are live bindings: update them too.
  syncBuiltinESMExports();

  return {
    attempts,
    restore() {
      for (const undo of restores.splice(0).reverse()) undo();
      syncBuiltinESMExports();
    },
  };
}

function describeTarget(args: readonly unknown[]): string {
  const [first, second] = args;
  if (typeof first === 'string' || typeof first === 'number') return String(first) + (typeof second === 'string' || typeof second === 'number' ? `:${second}` : '');
  if (first instanceof URL) return first.href;
  if (first && typeof first === 'object') {
    const options = first as { host?: unknown; hostname?: unknown; port?: unknown; path?: unknown; url?: unknown };
    const host = options.hostname ?? options.host ?? options.path ?? options.url;
    return `${String(host ?? '?')}${options.port !== undefined ? `:${String(options.port)}` : ''}`;
  }
  return '?';
}
