/**
 * Which failures mean "the database is not there" (server down, restarting, unreachable), as opposed to a
 * problem with the request: those become one StoreError with code DB_UNAVAILABLE, whose action says to check
 * the server and run the command again (nothing committed is lost; the interrupted transaction left nothing).
 */
import { StoreError } from '../../errors.ts';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
/** SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, crash, cannot connect now). */
const UNAVAILABLE_STATE = /^(08|57P0[1-3])/;
const UNAVAILABLE_MESSAGE = /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i;

export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATE.test(code))) return true;
  return UNAVAILABLE_MESSAGE.test(error.message);
}

/** Runs `work`, turning an unreachable database into StoreError DB_UNAVAILABLE naming `where`. */
export async function reportingUnavailable<T>(where: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError('DB_UNAVAILABLE', where, `The index database ${where} cannot be reached (${reason})`, { cause: error });
  }
}

/** `target` with each of its methods run through reportingUnavailable (a repository handed out by the store). */
export function guardingEachCall<T extends object>(target: T, where: string): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => reportingUnavailable(where, () => Promise.resolve(value.apply(object, args)));
    },
  });
}
