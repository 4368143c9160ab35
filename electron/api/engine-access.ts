/**
 * How the API reaches the engine: `use(work)` runs work on it. The CLI's servers hold one engine for their
 * lifetime; the app's host passes its EngineSession, whose `use` waits out a model switch and makes a switch
 * wait for the work in flight.
 */
import type { Engine } from '../core/engine.ts';

export interface EngineAccess {
  use<T>(work: (engine: Engine) => Promise<T>): Promise<T>;
}

export function singleEngine(engine: Engine): EngineAccess {
  return { use: (work) => work(engine) };
}

/** The name and version the servers report to clients. */
export const SERVER_INFO = { name: 'trove', version: '0.1.0' } as const;
