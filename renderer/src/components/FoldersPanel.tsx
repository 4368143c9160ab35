/**
 * Folders: add (dialog or drag and drop), pause/resume, remove, OCR of scanned pages on/off; live progress with
 * ETA; files that failed. On a team index the folders are the team's: their settings are its administrator's.
 */
import { useState, type DragEvent } from 'react';
import type { FolderView, IndexProgressView } from '../../../electron/shared/api.ts';
import type { Commands } from '../commands.ts';
import { countOf, folderActivity, formatEta } from '../format.ts';

export interface FoldersPanelProps {
  readonly folders: readonly FolderView[];
  /** The team index in use (null: this computer's own index). */
  readonly teamIndex: string | null;
  readonly progress: Readonly<Record<string, IndexProgressView>>;
  readonly commands: Commands;
  /** The dropped item's path; Electron's preload supplies it (a browser does not expose paths). */
  readonly pathOfDropped: (file: File) => string | undefined;
}

export function FoldersPanel({ folders, teamIndex, progress, commands, pathOfDropped }: FoldersPanelProps) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    for (const file of Array.from(event.dataTransfer.files)) {
      const path = pathOfDropped(file);
      if (path) void commands.addFolder(path);
    }
  };
  return (
    <section
      className={dragging ? 'folders dragging' : 'folders'}
      aria-label="Folders"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <header className="panel-header">
        <h2>Folders</h2>
        <button type="button" onClick={() => void commands.chooseFolder()}>
          Add folder…
        </button>
      </header>
      <p className="hint">Or drop a folder here. Trove keeps the index up to date as files change.</p>
      {teamIndex !== null && (
        <p className="hint" data-testid="team-folders">
          These are the folders of the team index <code>{teamIndex}</code> that you may see. Folders you add are shared with the team; their settings and
          removal are up to the index&apos;s administrator.
        </p>
      )}
      {folders.length === 0 && <p className="empty">No folders yet.</p>}
      <ul className="folder-list">
        {folders.map((folder) => (
          <FolderItem key={folder.path} folder={folder} managed={teamIndex !== null} progress={progress[folder.path]} commands={commands} />
        ))}
      </ul>
    </section>
  );
}

interface FolderItemProps {
  readonly folder: FolderView;
  /** The folder is a team index's: its settings cannot be changed from here. */
  readonly managed: boolean;
  readonly progress: IndexProgressView | undefined;
  readonly commands: Commands;
}

function FolderItem({ folder, managed, progress, commands }: FolderItemProps) {
  const problems = folder.problems.filter((p) => p.status === 'failed');
  const busy = progress !== undefined && progress.phase !== 'done';
  const activity = busy ? null : folderActivity(folder);
  return (
    <li className="folder" aria-label={`Folder ${folder.path}`}>
      <div className="folder-head">
        <span className="folder-path" title={folder.path}>
          {folder.path}
        </span>
        <span className={`badge status-${folder.paused ? 'paused' : folder.status}`}>{folder.paused ? 'paused' : folder.status}</span>
      </div>
      <p className="folder-counts" data-testid="folder-counts">
        {countOf(folder.documents, 'file')} · {countOf(folder.chunks, 'passage')} · {folder.failed} failed · {folder.skipped} skipped
        {folder.pending > 0 && ` · ${folder.pending} queued`}
      </p>
      {busy && (
        <div className="progress" aria-live="polite">
          <progress max={Math.max(progress.filesTotal, 1)} value={progress.filesDone} aria-label={`Indexing ${folder.path}`} />
          <span>
            {progress.phase === 'scanning' ? 'Scanning…' : `${progress.filesDone} of ${countOf(progress.filesTotal, 'file')} · ${formatEta(progress.etaMs)}`}
          </span>
        </div>
      )}
      {activity !== null && (
        <p className="folder-activity" data-testid="folder-activity">
          {activity}
        </p>
      )}
      {folder.error && <p className="error-text">{folder.error}</p>}
      <label className="toggle folder-ocr">
        <input
          type="checkbox"
          checked={folder.ocr}
          disabled={managed}
          aria-label={`Read scanned pages and images (OCR) in ${folder.path}`}
          onChange={(event) => void commands.setOcr(folder.path, event.target.checked)}
        />
        Read scanned pages and images (OCR)
      </label>
      <div className="folder-actions">
        <button type="button" disabled={managed} onClick={() => void commands.setPaused(folder.path, !folder.paused)}>
          {folder.paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" disabled={managed} onClick={() => void commands.removeFolder(folder.path)} aria-label={`Remove ${folder.path}`}>
          Remove
        </button>
      </div>
      {problems.length > 0 && (
        <details className="problems">
          <summary>{countOf(problems.length, 'file')} could not be read</summary>
          <ul>
            {problems.map((p) => (
              <li key={p.path}>
                <span className="problem-path">{p.path}</span> — {p.message} <code>{p.code}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
