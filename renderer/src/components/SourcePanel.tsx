/** The passage behind a citation, highlighted inside its file, with its place and ways to open the file. */
import type { PassageView } from '../../../electron/shared/api.ts';

export interface SourcePanelProps {
  readonly passage: PassageView | null;
  readonly onClose: () => void;
  readonly onOpenFile: (path: string) => void;
  readonly onReveal: (path: string) => void;
}

export function SourcePanel({ passage, onClose, onOpenFile, onReveal }: SourcePanelProps) {
  return (
    <aside className="source-panel" aria-label="Source">
      <header>
        <h2>Source</h2>
        <button type="button" onClick={onClose} aria-label="Close source">
          ×
        </button>
      </header>
      {passage === null ? (
        <p aria-live="polite">Loading…</p>
      ) : (
        <>
          <p className="source-path" title={passage.path}>
            {passage.path}
          </p>
          <p className="source-span">
            {passage.page !== null ? `${/\.(pptx|odp)$/i.test(passage.path) ? 'Slide' : 'Page'} ${passage.page}` : passage.startLine === passage.endLine ? `Line ${passage.startLine}` : `Lines ${passage.startLine}–${passage.endLine}`}
            {passage.heading && ` · ${passage.heading}`}
          </p>
          <div className="source-actions">
            <button type="button" onClick={() => onOpenFile(passage.path)}>
              Open file
            </button>
            <button type="button" onClick={() => onReveal(passage.path)}>
              Show in folder
            </button>
          </div>
          {!passage.inContext && <p className="hint">The file's own text cannot be shown here; this is the indexed passage.</p>}
          <pre className="source-text" aria-label="Passage in its file">
            {passage.before}
            <mark data-testid="highlighted-passage">{passage.passage}</mark>
            {passage.after}
          </pre>
        </>
      )}
    </aside>
  );
}
