/**
 * A very small RPC over any message port (an Electron MessagePort, utilityProcess's parentPort, a WebSocket):
 * numbered calls answered by a Reply (value or coded error), plus one-way events. Structured-clone and JSON
 * safe, so the same protocol runs in the app and in tests.
 */
import type { ApiError, ApiEvent, Reply } from './api.ts';

export interface PortLike {
  send(message: unknown): void;
  /** Returns the unsubscribe function. */
  onMessage(listener: (message: unknown) => void): () => void;
}

export type WireMessage =
  | { readonly kind: 'call'; readonly id: number; readonly method: string; readonly params: unknown }
  | { readonly kind: 'reply'; readonly id: number; readonly reply: Reply<unknown> }
  | { readonly kind: 'event'; readonly event: ApiEvent };

/** Messages come from another process: check the envelope before trusting any field of it. */
export function asWireMessage(message: unknown): WireMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.kind === 'call' && Number.isSafeInteger(m.id) && typeof m.method === 'string') return m as WireMessage;
  if (m.kind === 'reply' && Number.isSafeInteger(m.id) && typeof m.reply === 'object' && m.reply !== null) return m as WireMessage;
  if (m.kind === 'event' && typeof m.event === 'object' && m.event !== null && typeof (m.event as { type?: unknown }).type === 'string') {
    return m as WireMessage;
  }
  return undefined;
}

export type Handler = (method: string, params: unknown) => Promise<unknown>;

/** Answers calls arriving on `port` with `handle`; `emit` pushes events to the other side. */
export function serveRpc(port: PortLike, handle: Handler, toError: (error: unknown) => ApiError): { emit(event: ApiEvent): void; dispose(): void } {
  const dispose = port.onMessage(async (raw) => {
    const message = asWireMessage(raw);
    if (message?.kind !== 'call') return;
    let reply: Reply<unknown>;
    try {
      reply = { ok: true, value: await handle(message.method, message.params) };
    } catch (error) {
      reply = { ok: false, error: toError(error) };
    }
    port.send({ kind: 'reply', id: message.id, reply } satisfies WireMessage);
  });
  return { emit: (event) => port.send({ kind: 'event', event } satisfies WireMessage), dispose };
}

export interface RpcClient {
  call(method: string, params: unknown): Promise<Reply<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Fails every pending call (the other side went away) and stops listening. */
  close(error: ApiError): void;
}

export function connectRpc(port: PortLike): RpcClient {
  let nextId = 1;
  const pending = new Map<number, (reply: Reply<unknown>) => void>();
  const listeners = new Set<(event: ApiEvent) => void>();
  let closed: ApiError | undefined;
  const stop = port.onMessage((raw) => {
    const message = asWireMessage(raw);
    if (message?.kind === 'reply') {
      pending.get(message.id)?.(message.reply);
      pending.delete(message.id);
    } else if (message?.kind === 'event') {
      for (const listener of listeners) listener(message.event);
    }
  });
  return {
    call(method, params) {
      if (closed) return Promise.resolve({ ok: false, error: closed });
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        port.send({ kind: 'call', id, method, params } satisfies WireMessage);
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close(error) {
      closed = error;
      stop();
      for (const resolve of pending.values()) resolve({ ok: false, error });
      pending.clear();
    },
  };
}
