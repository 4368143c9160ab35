/** Navigation: new chat, the saved conversations, compare, folders, models and privacy. */
import type { ConversationSummary } from '../../../electron/shared/api.ts';
import type { Commands } from '../commands.ts';
import type { Action, View } from '../state/reducer.ts';

export interface SidebarProps {
  readonly view: View;
  readonly conversations: readonly ConversationSummary[];
  readonly currentId: number | null;
  readonly busy: boolean;
  readonly dispatch: (action: Action) => void;
  readonly commands: Commands;
}

export function Sidebar({ view, conversations, currentId, busy, dispatch, commands }: SidebarProps) {
  return (
    <nav className="sidebar" aria-label="Trove">
      <button type="button" className="primary" disabled={busy} onClick={() => dispatch({ type: 'new-chat' })} title="New chat (Ctrl+N)">
        New chat
      </button>
      <ul className="conversations" aria-label="Conversations">
        {conversations.map((c) => (
          <li key={c.id} className={c.id === currentId && view === 'chat' ? 'current' : undefined}>
            <button type="button" className="link" disabled={busy} onClick={() => void commands.openConversation(c.id)}>
              {c.title}
            </button>
            <button type="button" className="icon" aria-label={`Delete conversation ${c.title}`} onClick={() => void commands.deleteConversation(c.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="nav-views">
        <button type="button" aria-pressed={view === 'chat'} onClick={() => dispatch({ type: 'view-changed', view: 'chat' })}>
          Chat
        </button>
        <button type="button" aria-pressed={view === 'compare'} onClick={() => dispatch({ type: 'view-changed', view: 'compare' })}>
          Compare
        </button>
        <button type="button" aria-pressed={view === 'folders'} onClick={() => dispatch({ type: 'view-changed', view: 'folders' })}>
          Folders
        </button>
        <button type="button" aria-pressed={view === 'models'} onClick={() => dispatch({ type: 'view-changed', view: 'models' })}>
          Models
        </button>
        <button type="button" aria-pressed={view === 'privacy'} onClick={() => dispatch({ type: 'view-changed', view: 'privacy' })}>
          Privacy
        </button>
      </div>
    </nav>
  );
}
