/**
 * Privacy: what Trove keeps about answers (the local audit log, which can be turned off) and which folders have
 * secrets redacted before indexing, with what redaction removed (kind and lines, never the secret).
 */
import type { PrivacyView } from '../../../electron/shared/api.ts';
import type { Commands } from '../commands.ts';
import { baseName, countOf, formatIndexedAt } from '../format.ts';

export interface PrivacyPanelProps {
  readonly privacy: PrivacyView | null;
  /** The team index in use (null: this computer's own): its folders' redaction is set by its administrator. */
  readonly teamIndex: string | null;
  readonly commands: Commands;
}

export function PrivacyPanel({ privacy, teamIndex, commands }: PrivacyPanelProps) {
  if (!privacy) return <section className="privacy" aria-label="Privacy" aria-busy="true" />;
  return (
    <section className="privacy" aria-label="Privacy">
      <header className="panel-header">
        <h2>Privacy</h2>
      </header>
      <p className="hint">Nothing leaves this machine: the index, the audit log and the models stay in your data folder, and Trove reports nothing about how you use it.</p>

      <h3>Audit log</h3>
      <label className="toggle">
        <input type="checkbox" checked={privacy.auditEnabled} onChange={(event) => void commands.setAuditEnabled(event.target.checked)} />
        Keep a local record of every answer: the question, the model, the passages it was given and what it cited
      </label>
      <p className="hint" data-testid="audit-summary">
        {privacy.auditEnabled ? 'On' : 'Off'} · {countOf(privacy.auditTotal, 'answer')} recorded
        {privacy.auditTotal > privacy.audit.length && (
          <>
            {' '}
            (the newest {privacy.audit.length} below; <code>trove audit</code> exports them all)
          </>
        )}
      </p>
      {privacy.audit.length > 0 && (
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Question</th>
              <th scope="col">Model</th>
              <th scope="col">Cited</th>
            </tr>
          </thead>
          <tbody>
            {privacy.audit.map((entry) => (
              <tr key={entry.id}>
                <td>{formatIndexedAt(entry.at)}</td>
                <td>{entry.question}</td>
                <td>{entry.model ? baseName(entry.model) : entry.kind}</td>
                <td>
                  {entry.citations.length} of {countOf(entry.sources, 'passage')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Redaction of secrets</h3>
      <p className="hint">
        API keys, tokens, private keys, passwords and card numbers become <code>[REDACTED:kind]</code> before a file is indexed. Changing this
        re-indexes the folder.
        {teamIndex !== null && " The team index's folders are set by its administrator."}
      </p>
      {privacy.folders.length === 0 && <p className="empty">No folders yet.</p>}
      <ul className="redaction-folders">
        {privacy.folders.map((folder) => (
          <li key={folder.path}>
            <label className="toggle">
              <input
                type="checkbox"
                checked={folder.redact}
                disabled={teamIndex !== null}
                aria-label={`Redact secrets in ${folder.path}`}
                onChange={(event) => void commands.setFolderRedaction(folder.path, event.target.checked)}
              />
              <span className="folder-path" title={folder.path}>
                {folder.path}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {privacy.redactions.length > 0 && (
        <details className="redactions" open>
          <summary>{countOf(privacy.redactions.length, 'secret')} removed</summary>
          <ul>
            {privacy.redactions.map((r) => (
              <li key={`${r.path}:${r.startLine}:${r.kind}`}>
                <span className="problem-path">{r.path}</span>:{r.startLine}
                {r.endLine !== r.startLine && `–${r.endLine}`} <code>{r.kind}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
