/**
 * The team index setting: the app searches, answers from and keeps up to date a shared PostgreSQL index instead
 * of this computer's own (the same index `trove --store postgres://…` uses). The choice is remembered in the data
 * directory (team-index-setting.ts) and used again at the next start; a team index that cannot be reached then
 * leaves the app on this computer's index, saying why.
 */
import { withoutPassword } from '../core/shared-store.ts';
import type { TeamIndexView } from '../shared/api.ts';
import type { HandlerGroup, HostContext } from './context.ts';
import { rememberTeamIndex } from './team-index-setting.ts';

export function teamIndexHandlers(ctx: HostContext): HandlerGroup<'teamIndex' | 'setTeamIndex'> {
  const view = (): TeamIndexView => {
    const { url, problem } = ctx.session.teamIndex;
    return { url: url === undefined ? null : withoutPassword(url), inUse: ctx.session.current?.isShared === true, problem: problem ?? null };
  };
  return {
    async teamIndex() {
      return view();
    },
    async setTeamIndex({ url }) {
      // Opened before anything changes or is remembered: a URL that does not open fails here with its reason.
      await ctx.session.useTeamIndex(url);
      await rememberTeamIndex(ctx.dataDir, url);
      ctx.emit({ type: 'state-changed', what: 'folders' });
      return view();
    },
  };
}

/** The status notice while the chosen team index cannot be reached. */
export function teamIndexNotice(ctx: HostContext): string[] {
  const { problem } = ctx.session.teamIndex;
  return problem ? [`${problem.replace(/\.?$/, '.')} Showing this computer's own index until it can be reached; Trove tries again at the next start.`] : [];
}
