/**
 * Remembers what was read from a GGUF header while the file stays the same (same size and modification time),
 * so a view that lists models again and again re-reads only files that changed. Parsing a header is not free:
 * most of a chat model's header is its vocabulary (150k tokens for Qwen), about 0.4 s on a busy 2-core machine.
 * Failures are not remembered: a damaged file is checked again next time, in case it was replaced.
 */
import { stat } from 'node:fs/promises';

export function cachedWhileUnchanged<T>(read: (path: string) => Promise<T>, maxEntries = 256): (path: string) => Promise<T> {
  const entries = new Map<string, T>();
  return async (path) => {
    const info = await stat(path).catch(() => undefined);
    // Missing or unreadable: the reader says so in its own words.
    if (info === undefined) return read(path);
    const key = `${path}\0${info.size}\0${info.mtimeMs}`;
    if (entries.has(key)) return entries.get(key) as T;
    const value = await read(path);
    entries.set(key, value);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    return value;
  };
}
