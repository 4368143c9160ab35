/**
 * The window's calls, relayed: one ipcMain handler per API method (channel `trove:<method>`). Each call is
 * refused unless it comes from the app's own window and page; its params are validated; shell methods run
 * here in main, the rest go to the engine host. Events from the host go to the window on `trove:event`.
 */
import type { ApiError, ApiMethod, Reply, ShellMethods } from '../shared/api.ts';
import { API_METHODS, isShellMethod } from '../shared/methods.ts';
import { InvalidParamsError, validateParams } from '../shared/validate-params.ts';

export const EVENT_CHANNEL = 'trove:event';
export const channelOf = (method: ApiMethod) => `trove:${method}`;

export type ShellHandlers = { readonly [M in keyof ShellMethods]: (params: ShellMethods[M]['params']) => Promise<ShellMethods[M]['result']> };

/** The part of Electron's IpcMainInvokeEvent the relay reads. */
export interface InvokeEventLike {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of Electron's ipcMain the relay uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, params: unknown) => Promise<Reply<unknown>>): void;
}

export interface RelayOptions {
  /** Whether the call comes from the app's own window, showing the app's own page. */
  readonly isTrustedSender: (event: InvokeEventLike) => boolean;
  readonly callHost: (method: string, params: unknown) => Promise<Reply<unknown>>;
  readonly shell: ShellHandlers;
}

/** Thrown by a shell handler to answer with a coded error (e.g. the host refused a file). */
export class RelayError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

const FORBIDDEN: ApiError = { code: 'FORBIDDEN', message: 'This call did not come from the Trove window.', action: 'Nothing to do: the call was refused.' };

export function registerApiRelay(ipcMain: IpcMainLike, options: RelayOptions): void {
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), (event, params: unknown) => relay(method, event, params, options));
  }
}

async function relay(method: ApiMethod, event: InvokeEventLike, params: unknown, options: RelayOptions): Promise<Reply<unknown>> {
  if (!options.isTrustedSender(event)) return { ok: false, error: FORBIDDEN };
  let valid: unknown;
  try {
    valid = await validateParams(method, params);
  } catch (error) {
    if (!(error instanceof InvalidParamsError)) throw error;
    return { ok: false, error: { code: error.code, message: error.message, action: 'Nothing to do: the call was refused.' } };
  }
  if (!isShellMethod(method)) return options.callHost(method, valid);
  try {
    const handler = options.shell[method] as (params: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(valid) };
  } catch (error) {
    if (error instanceof RelayError) return { ok: false, error: error.error };
    return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), action: 'Please report this problem.' } };
  }
}
