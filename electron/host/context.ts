/** What every group of host handlers shares: the engine session, the event channel and the clock. */
import type { ApiEvent, HostMethods } from '../shared/api.ts';
import type { EngineSession } from './session.ts';

export interface HostContext {
  readonly session: EngineSession;
  readonly dataDir: string;
  readonly emit: (event: ApiEvent) => void;
  readonly now: () => number;
  /** The host's own notices for this run (a remembered adapter that was dropped), shown with the engine's. */
  readonly notices: readonly string[];
}

/** Handlers for some of the host's methods, each taking already validated params. */
export type HandlerGroup<M extends keyof HostMethods> = {
  readonly [K in M]: (params: HostMethods[K]['params']) => Promise<HostMethods[K]['result']>;
};
