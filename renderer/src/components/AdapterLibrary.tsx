/**
 * The Models view's "Adapters" section: every LoRA adapter in the models folders or added by hand, with base
 * architecture, rank, alpha and size, and a badge saying whether it fits the chat model in use. Attach is
 * disabled, with the reason beside it, when it does not fit; detaching and scale stay in the attached list above.
 */
import type { AdapterLibraryView, AdapterView, LibraryAdapterView } from '../../../electron/shared/api.ts';
import { adapterFitLabel, adapterFitReason } from '../../../electron/shared/adapter-fit.ts';
import type { Commands } from '../commands.ts';
import { formatBytes } from '../format.ts';

export interface AdapterLibraryProps {
  /** Null until loaded. */
  readonly library: AdapterLibraryView | null;
  readonly attached: readonly AdapterView[];
  readonly commands: Pick<Commands, 'attachLibraryAdapter' | 'addAdapterFile' | 'forgetAdapterFile'>;
}

export function AdapterLibrary({ library, attached, commands }: AdapterLibraryProps) {
  const adapters = library?.adapters ?? [];
  const problems = library?.problems ?? [];
  return (
    <section className="adapter-library" aria-label="Adapters">
      <h3>Adapters</h3>
      {library !== null && adapters.length === 0 && <p className="empty">No LoRA adapters in the models folders; add an adapter file.</p>}
      <ul className="adapters" aria-label="Adapter library">
        {adapters.map((adapter) => (
          <LibraryEntry key={adapter.path} adapter={adapter} attached={attached.some((a) => a.path === adapter.path)} commands={commands} />
        ))}
      </ul>
      {problems.length > 0 && (
        <ul className="notices" aria-label="Adapter files that cannot be used">
          {problems.map((problem) => (
            <li key={problem.path} title={problem.path}>
              {problem.message}
              {problem.chosen && (
                <button type="button" onClick={() => void commands.forgetAdapterFile(problem.path)}>
                  Remove from list
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => void commands.addAdapterFile()}>
        Add adapter file…
      </button>
    </section>
  );
}

function LibraryEntry({ adapter, attached, commands }: { readonly adapter: LibraryAdapterView; readonly attached: boolean; readonly commands: AdapterLibraryProps['commands'] }) {
  const reason = adapterFitReason(adapter.fit);
  const facts = [adapter.baseArchitecture ?? 'unknown base', `rank ${adapter.rank ?? '?'}`, `alpha ${adapter.alpha ?? '?'}`, formatBytes(adapter.sizeBytes)];
  return (
    <li aria-label={`Library entry ${adapter.fileName}`}>
      <span title={adapter.path}>{adapter.fileName}</span>
      <span className="muted" data-testid="adapter-facts">
        {facts.join(' · ')}
      </span>
      <span className={adapter.fit.fits ? 'fit fits' : 'fit misfit'} data-testid="adapter-fit" title={reason ?? undefined}>
        {adapterFitLabel(adapter.fit, adapter.baseArchitecture)}
      </span>
      {attached ? (
        <span className="muted">attached</span>
      ) : (
        <>
          <button type="button" disabled={reason !== null} title={reason ?? undefined} aria-label={`Attach ${adapter.fileName}`} onClick={() => void commands.attachLibraryAdapter(adapter.path)}>
            Attach
          </button>
          {reason !== null && <span className="hint">{reason}</span>}
        </>
      )}
      {adapter.origin === 'added' && (
        <button type="button" aria-label={`Remove ${adapter.fileName} from the list`} onClick={() => void commands.forgetAdapterFile(adapter.path)}>
          Remove from list
        </button>
      )}
    </li>
  );
}
