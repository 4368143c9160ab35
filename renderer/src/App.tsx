/** The window: sidebar, the current view (chat, compare, folders, models, privacy), the source panel and the error banner. */
import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { MenuCommand } from '../../electron/shared/api.ts';
import type { Api } from './api/client.ts';
import { createCommands, handleEvent } from './commands.ts';
import { ChatView } from './components/ChatView.tsx';
import { CompareView } from './components/CompareView.tsx';
import { FirstRunGuide } from './components/FirstRunGuide.tsx';
import { FoldersPanel } from './components/FoldersPanel.tsx';
import { ModelsPanel } from './components/ModelsPanel.tsx';
import { ApiServerPanel } from './components/ApiServerPanel.tsx';
import { PrivacyPanel } from './components/PrivacyPanel.tsx';
import { SourcePanel } from './components/SourcePanel.tsx';
import { Sidebar } from './components/Sidebar.tsx';
import { TeamIndexPanel } from './components/TeamIndexPanel.tsx';
import { shortcutFor } from './shortcuts.ts';
import { initialState, reduce, type State } from './state/reducer.ts';

export function App({ api, pathOfDroppedFile }: { readonly api: Api; readonly pathOfDroppedFile: (file: File) => string | null }) {
  const [state, dispatch] = useReducer(reduce, initialState);
  const current = useRef<State>(state);
  current.current = state;
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const commands = useMemo(() => createCommands(api, dispatch, () => current.current), [api]);

  useEffect(() => {
    const menu = (command: MenuCommand) => {
      if (command === 'new-chat') dispatch({ type: 'new-chat' });
      else if (command === 'stop-answer') void commands.stop();
      else if (command === 'show-folders') dispatch({ type: 'view-changed', view: 'folders' });
      else if (command === 'show-models') dispatch({ type: 'view-changed', view: 'models' });
      else if (command === 'show-privacy') dispatch({ type: 'view-changed', view: 'privacy' });
      else {
        dispatch({ type: 'view-changed', view: 'chat' });
        requestAnimationFrame(() => inputRef.current?.focus());
      }
    };
    const unsubscribe = api.onEvent((event) => handleEvent(event, dispatch, commands, menu));
    const onKey = (event: KeyboardEvent) => {
      const command = shortcutFor(event);
      if (!command) return;
      event.preventDefault();
      menu(command);
    };
    window.addEventListener('keydown', onKey);
    void commands.refreshStatus();
    void commands.refreshConversations();
    void commands.refreshModels();
    return () => {
      unsubscribe();
      window.removeEventListener('keydown', onKey);
    };
  }, [api, commands]);

  // The audit log grows with every answer: read it afresh each time the view opens.
  useEffect(() => {
    if (state.view === 'privacy') void Promise.all([commands.refreshPrivacy(), commands.refreshApiServer()]);
    // Adapter files can appear in the models folders at any time: look again each time the view opens.
    if (state.view === 'models') void commands.refreshAdapters();
    if (state.view === 'folders') void commands.refreshTeamIndex();
  }, [state.view, commands]);

  const status = state.status;
  return (
    <div className="app">
      <Sidebar view={state.view} conversations={state.conversations} currentId={state.conversationId} busy={state.streaming !== null} dispatch={dispatch} commands={commands} />
      <main className="main">
        {state.error && (
          <div className="error-banner" role="alert">
            <p>
              <strong>{state.error.message}</strong> {state.error.action}
            </p>
            <button type="button" onClick={() => dispatch({ type: 'error-dismissed' })} aria-label="Dismiss error">
              ×
            </button>
          </div>
        )}
        {status && state.view === 'chat' && (
          <FirstRunGuide
            hasFolders={status.folders.length > 0}
            hasChatModel={status.models.chat !== null}
            commands={commands}
            showModels={() => dispatch({ type: 'view-changed', view: 'models' })}
          />
        )}
        {state.view === 'chat' && <ChatView state={state} commands={commands} inputRef={inputRef} />}
        {state.view === 'compare' && <CompareView commands={commands} onEvent={api.onEvent} />}
        {state.view === 'folders' && status && (
          <>
            <FoldersPanel
              folders={status.folders}
              teamIndex={status.teamIndex}
              progress={state.progress}
              commands={commands}
              pathOfDropped={(file) => pathOfDroppedFile(file) ?? undefined}
            />
            <TeamIndexPanel team={state.teamIndex} commands={commands} />
          </>
        )}
        {state.view === 'models' && status && (
          <ModelsPanel inUse={status.models} models={state.models} adapters={state.adapters} memory={status.memory} downloads={state.downloads} commands={commands} notices={status.notices} />
        )}
        {state.view === 'privacy' && (
          <>
            <PrivacyPanel privacy={state.privacy} teamIndex={status?.teamIndex ?? null} commands={commands} />
            <ApiServerPanel server={state.apiServer} commands={commands} />
          </>
        )}
      </main>
      {state.source && (
        <SourcePanel
          passage={state.source.passage}
          onClose={() => dispatch({ type: 'source-closed' })}
          onOpenFile={(path) => void commands.openFile(path)}
          onReveal={(path) => void commands.revealFile(path)}
        />
      )}
    </div>
  );
}
