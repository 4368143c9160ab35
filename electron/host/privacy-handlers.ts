/** The privacy view: the local audit log (on/off and its newest entries) and redaction of secrets per folder. */
import { isAuditEnabled, setAuditEnabled } from '../core/audit/audit-log.ts';
import { AUDIT_VIEW_LIMIT, type PrivacyView } from '../shared/api.ts';
import type { HandlerGroup, HostContext } from './context.ts';

type PrivacyMethods = 'privacy' | 'setAuditEnabled' | 'setFolderRedaction';

export function privacyHandlers(ctx: HostContext): HandlerGroup<PrivacyMethods> {
  const view = async (): Promise<PrivacyView> => {
    const { engine } = ctx.session;
    const { store } = engine;
    // The audit log stays on this computer; folders and what redaction removed are the index's (a team index's too).
    const index = await engine.indexStatus();
    return {
      auditEnabled: isAuditEnabled(engine.settings),
      audit: store.audit.recent(AUDIT_VIEW_LIMIT).map((entry) => ({
        id: entry.id,
        at: entry.at,
        question: entry.question,
        kind: entry.kind,
        model: entry.model,
        sources: entry.chunks.length,
        citations: entry.citations,
      })),
      auditTotal: store.audit.count(),
      folders: index.folders.map((folder) => ({ path: folder.path, redact: folder.settings.redact === true })),
      redactions: index.redactions,
    };
  };
  return {
    async privacy() {
      return view();
    },
    async setAuditEnabled({ enabled }) {
      setAuditEnabled(ctx.session.engine.settings, enabled);
      return view();
    },
    async setFolderRedaction({ path, redact }) {
      // The folder's files are marked for re-indexing, and the watcher reconciles it: they are redacted (or restored) now.
      ctx.session.updateFolderSettings(path, { redact });
      ctx.emit({ type: 'state-changed', what: 'folders' });
      return view();
    },
  };
}
