/**
 * Validation of a call's params, with the zod schemas (schemas.ts) loaded on the first call rather than when
 * the main process or the host starts: zod's load is start-up time the window waits for, and no call needs it yet.
 */
import type { AnyMethod, Params } from './api.ts';
import type * as Schemas from './schemas.ts';

export class InvalidParamsError extends Error {
  readonly code = 'INVALID_ARGUMENT';
}

let schemas: Promise<typeof Schemas> | undefined;

/** The params of `method` if they are valid, else an InvalidParamsError saying what is wrong. */
export async function validateParams<M extends AnyMethod>(method: M, params: unknown): Promise<Params<M>> {
  schemas ??= import('./schemas.ts');
  return (await schemas).parseParams(method, params);
}
