/**
 * The window's access to Trove: the `window.trove` object the preload (or the test transport) provides,
 * turned into plain async calls that throw an ApiCallError with the engine's code, message and action.
 */
import type { ApiError, ApiEvent, ApiMethod, Params, Result, TroveApi } from '../../../electron/shared/api.ts';

export class ApiCallError extends Error implements ApiError {
  readonly code: string;
  readonly action: string;

  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
    this.action = error.action;
  }
}

export interface Api {
  call<M extends ApiMethod>(method: M, params: Params<M>): Promise<Result<M>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

export function createApi(trove: TroveApi): Api {
  return {
    async call(method, params) {
      // One function per method on window.trove; the generic call reaches it by name.
      const fn = trove[method] as (params: unknown) => ReturnType<TroveApi[typeof method]>;
      const reply = await fn(params);
      if (!reply.ok) throw new ApiCallError(reply.error);
      return reply.value as Result<typeof method>;
    },
    onEvent: (listener) => trove.onEvent(listener),
  };
}

/** The API error behind anything thrown by a call (a broken transport becomes INTERNAL). */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiCallError) return { code: error.code, message: error.message, action: error.action };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), action: 'Please report this problem.' };
}
