/** Shown until a folder and a chat model are chosen: what to do next, and that search already works. */
import type { Commands } from '../commands.ts';

export function FirstRunGuide({ hasFolders, hasChatModel, commands, showModels }: {
  readonly hasFolders: boolean;
  readonly hasChatModel: boolean;
  readonly commands: Commands;
  readonly showModels: () => void;
}) {
  if (hasFolders && hasChatModel) return null;
  return (
    <section className="guide" aria-label="Getting started">
      <h2>Getting started</h2>
      <ol>
        <li className={hasFolders ? 'done' : undefined}>
          Add a folder to index.{' '}
          {!hasFolders && (
            <button type="button" onClick={() => void commands.chooseFolder()}>
              Add folder…
            </button>
          )}
        </li>
        <li className={hasChatModel ? 'done' : undefined}>
          Download a recommended chat model (or choose a .gguf file) to get written answers.{' '}
          {!hasChatModel && (
            <button type="button" onClick={showModels}>
              Get a model…
            </button>
          )}
        </li>
      </ol>
      {!hasChatModel && <p className="hint">Until then, questions are answered with the best passages from your documents.</p>}
    </section>
  );
}
