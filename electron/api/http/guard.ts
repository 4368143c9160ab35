/**
 * Who may talk to the API: requests addressed to this computer (Host a loopback name, so a web page whose
 * domain was re-pointed at 127.0.0.1 — DNS rebinding — is refused), from no web origin other than a loopback
 * one, carrying the bearer token. No CORS headers are ever sent, so browsers keep other sites' pages out.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ForeignRequestError, UnauthorizedError } from '../errors.ts';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Throws ForeignRequestError unless Host (and Origin, when sent) name this computer. */
export function checkLoopbackRequest(req: IncomingMessage): void {
  const host = req.headers.host ?? '';
  if (!LOOPBACK_NAMES.has(hostnameOf(host))) throw new ForeignRequestError('host', host);
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let hostname: string;
  try {
    hostname = new URL(origin).hostname;
  } catch {
    throw new ForeignRequestError('origin', origin);
  }
  if (!LOOPBACK_NAMES.has(hostname.toLowerCase())) throw new ForeignRequestError('origin', origin);
}

/** Throws UnauthorizedError unless `Authorization: Bearer <token>` carries the token (compared in constant time). */
export function checkBearer(req: IncomingMessage, token: string): void {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthorizedError('missing');
  if (!timingSafeEqual(digest(match[1] as string), digest(token))) throw new UnauthorizedError('wrong');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** `127.0.0.1:4749` → `127.0.0.1`, `[::1]:4749` → `[::1]`, lower case. */
function hostnameOf(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  const colon = trimmed.indexOf(':');
  return colon < 0 ? trimmed : trimmed.slice(0, colon);
}
