/**
 * The team index (Folders view): connect the app to a shared PostgreSQL index that several computers keep up to
 * date, or go back to this computer's own index. Shows which index is in use and, when the chosen one cannot be
 * reached, why.
 */
import { useState, type FormEvent } from 'react';
import type { TeamIndexView } from '../../../electron/shared/api.ts';
import type { Commands } from '../commands.ts';

export interface TeamIndexPanelProps {
  readonly team: TeamIndexView | null;
  readonly commands: Pick<Commands, 'setTeamIndex'>;
}

export function TeamIndexPanel({ team, commands }: TeamIndexPanelProps) {
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  if (!team) return <section className="team-index" aria-label="Team index" aria-busy="true" />;
  const choose = async (next: string | null) => {
    setBusy(true);
    try {
      // Kept on failure (the error banner says why), so a mistyped URL can be corrected.
      if (await commands.setTeamIndex(next)) setUrl('');
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (url.trim() !== '') void choose(url.trim());
  };
  return (
    <section className="team-index privacy" aria-label="Team index" aria-busy={busy}>
      <h3>Team index</h3>
      <p className="hint">
        Share one index with your team: Trove then searches and answers from a PostgreSQL database (with pgvector) that every member&apos;s Trove keeps up to
        date, and each person sees only the folders of their groups. Conversations, feedback and the audit log stay on this computer.
      </p>
      <p data-testid="team-index-state">
        {team.url === null && "Using this computer's own index."}
        {team.url !== null && team.inUse && (
          <>
            Using the team index <code>{team.url}</code>.
          </>
        )}
        {team.url !== null && !team.inUse && (
          <>
            The team index <code>{team.url}</code> cannot be used now: showing this computer&apos;s own index.
          </>
        )}
      </p>
      {team.problem && (
        <p className="error" role="alert">
          {team.problem}
        </p>
      )}
      <form className="team-index-form" onSubmit={onSubmit}>
        <label>
          Database URL{' '}
          <input
            type="text"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="postgres://me@db.example.com/trove"
            autoComplete="off"
            spellCheck={false}
            disabled={busy}
          />
        </label>{' '}
        <button type="submit" disabled={busy || url.trim() === ''}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </form>
      <p className="hint">A password can go in the URL or, better, in your ~/.pgpass file. The URL is kept on this computer, readable by you alone.</p>
      {team.url !== null && (
        <button type="button" disabled={busy} onClick={() => void choose(null)}>
          Use this computer&apos;s own index
        </button>
      )}
    </section>
  );
}
