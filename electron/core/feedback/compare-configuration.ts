/**
 * A configuration to compare answers with: the chat model and the LoRA adapters that write one side of a
 * comparison. Written on the command line (and in the app) as
 *   `current`                  the chat model with the adapters it was opened with (--adapter);
 *   `none`                     the chat model without adapters;
 *   `adapter=FILE[@SCALE]`     the chat model with this adapter (repeat, comma-separated, for several);
 *   `model=FILE`               another chat model (add `,adapter=…` for its adapters).
 */
import { resolve } from 'node:path';
import { TroveError } from '../errors.ts';

export interface CompareConfiguration {
  /** Another chat model; undefined: the engine's chat model. */
  readonly model?: string;
  /** undefined: the adapters the chat model was opened with (`current`). */
  readonly adapters?: readonly { readonly path: string; readonly scale: number }[];
  /** As written, for people. */
  readonly label: string;
}

export const CONFIGURATION_SYNTAX = 'current | none | adapter=FILE[@SCALE][,adapter=…] | model=FILE[,adapter=…]';

export function parseCompareConfiguration(text: string): CompareConfiguration {
  const label = text.trim();
  const fail = (why: string): never => {
    throw new TroveError('INVALID_ARGUMENT', `--compare ${label || '""'}: ${why}; write ${CONFIGURATION_SYNTAX}`);
  };
  if (label === 'current') return { label };
  if (label === 'none') return { adapters: [], label };
  let model: string | undefined;
  const adapters: { path: string; scale: number }[] = [];
  for (const part of label.split(',').map((p) => p.trim())) {
    const [key, ...rest] = part.split('=');
    const value = rest.join('=').trim();
    if (value === '') fail(`"${part}" has no file`);
    if (key === 'model') {
      if (model !== undefined) fail('name one model');
      model = resolve(value);
    } else if (key === 'adapter') {
      const match = /^(.+)@(-?\d+(?:\.\d+)?)$/.exec(value);
      adapters.push({ path: resolve(match?.[1] ?? value), scale: match?.[2] === undefined ? 1 : Number(match[2]) });
    } else {
      fail(`"${part}" is not model=FILE or adapter=FILE[@SCALE]`);
    }
  }
  return { ...(model === undefined ? {} : { model }), adapters, label };
}
