/** Two connected in-memory RPC ports, messages passed through JSON as a real channel would: host ↔ client in tests. */
import type { PortLike } from '../../electron/shared/rpc.ts';

export function portPair(): [PortLike, PortLike] {
  const listeners: [Set<(m: unknown) => void>, Set<(m: unknown) => void>] = [new Set(), new Set()];
  const side = (mine: 0 | 1): PortLike => ({
    send: (message) => queueMicrotask(() => listeners[mine === 0 ? 1 : 0].forEach((l) => l(JSON.parse(JSON.stringify(message))))),
    onMessage(listener) {
      listeners[mine].add(listener);
      return () => listeners[mine].delete(listener);
    },
  });
  return [side(0), side(1)];
}
