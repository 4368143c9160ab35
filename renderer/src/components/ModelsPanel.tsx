/** Models: the chat and embedding models in use, LoRA adapters with their scale, installed and recommended models (with downloads). */
import type { AdapterLibraryView, DownloadProgressView, ModelsInUse, ModelsView } from '../../../electron/shared/api.ts';
import type { Commands } from '../commands.ts';
import { baseName, countOf, formatBytes } from '../format.ts';
import { AdapterLibrary } from './AdapterLibrary.tsx';
import { RecommendedModel } from './RecommendedModel.tsx';

export interface ModelsPanelProps {
  readonly inUse: ModelsInUse;
  readonly models: ModelsView | null;
  /** The adapter library; null until loaded. */
  readonly adapters?: AdapterLibraryView | null;
  readonly memory: { readonly rssBytes: number; readonly totalBytes: number };
  readonly downloads: Readonly<Record<string, DownloadProgressView | null>>;
  readonly commands: Commands;
  /** What the engine could not do as remembered (a model or adapter file that went missing). */
  readonly notices?: readonly string[];
}

export function ModelsPanel({ inUse, models, adapters = null, memory, downloads, commands, notices = [] }: ModelsPanelProps) {
  const installed = models?.installed ?? [];
  return (
    <section className="models" aria-label="Models">
      <h2>Models</h2>
      {notices.length > 0 && (
        <ul className="notices" aria-label="Notices">
          {notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      )}
      <dl className="facts">
        <dt>Chat model</dt>
        <dd data-testid="chat-model">{inUse.chat ? baseName(inUse.chat) : 'none — answers show the best passages'}</dd>
        <dt>Embedding model</dt>
        <dd>{inUse.embedding ? baseName(inUse.embedding) : 'none — keyword search (BM25) only'}</dd>
        <dt>Backend</dt>
        <dd data-testid="backend">{inUse.backend ?? 'not loaded'}</dd>
        <dt>Context</dt>
        <dd>{inUse.contextSize !== null ? countOf(inUse.contextSize, 'token') : '—'}</dd>
        <dt>Memory</dt>
        <dd>
          {formatBytes(memory.rssBytes)} of {formatBytes(memory.totalBytes)}
        </dd>
      </dl>
      <div className="row">
        <button type="button" onClick={() => void commands.chooseChatModel()}>
          Choose chat model file…
        </button>
        <button type="button" onClick={() => void commands.chooseEmbeddingModel()}>
          Choose embedding model file…
        </button>
        {inUse.chat && (
          <button type="button" onClick={() => void commands.setChatModel(null)}>
            Use no chat model
          </button>
        )}
      </div>

      <h3>LoRA adapters</h3>
      {inUse.adapters.length === 0 && <p className="empty">No adapter attached.</p>}
      <ul className="adapters" aria-label="Attached adapters">
        {inUse.adapters.map((adapter) => (
          <li key={adapter.path} aria-label={`Adapter ${baseName(adapter.path)}`}>
            <span title={adapter.path}>{baseName(adapter.path)}</span>
            <label>
              Scale <output data-testid="adapter-scale">{adapter.scale.toFixed(2)}</output>
              <input
                type="range"
                min={0}
                max={2}
                step={0.05}
                defaultValue={adapter.scale}
                aria-label={`Scale of ${baseName(adapter.path)}`}
                onPointerUp={(event) => void commands.setAdapterScale(adapter.path, Number(event.currentTarget.value))}
                onKeyUp={(event) => void commands.setAdapterScale(adapter.path, Number(event.currentTarget.value))}
              />
            </label>
            <button type="button" onClick={() => void commands.detachAdapter(adapter.path)}>
              Detach
            </button>
          </li>
        ))}
      </ul>
      <button type="button" disabled={!inUse.chat} onClick={() => void commands.attachAdapter()}>
        Attach adapter…
      </button>

      <AdapterLibrary library={adapters} attached={inUse.adapters} commands={commands} />

      <h3>Installed</h3>
      {installed.length === 0 && <p className="empty">No models found in: {models?.searched.join(', ')}</p>}
      <ul className="model-list">
        {installed.map((m) => (
          <li key={m.path}>
            <span title={m.path}>{m.fileName}</span> <span className="muted">{[m.role, m.architecture, m.quantization, formatBytes(m.sizeBytes)].filter(Boolean).join(' · ')}</span>
            {m.role === 'chat' && m.path !== inUse.chat && (
              <button type="button" onClick={() => void commands.setChatModel(m.path)}>
                Use for chat
              </button>
            )}
            {m.role === 'embedding' && m.path !== inUse.embedding && (
              <button type="button" onClick={() => void commands.setEmbeddingModel(m.path)}>
                Use for search
              </button>
            )}
          </li>
        ))}
      </ul>

      <h3>Recommended</h3>
      <ul className="model-list">
        {(models?.recommended ?? []).map((r) => (
          <RecommendedModel key={r.name} model={r} download={r.name in downloads ? downloads[r.name] : undefined} commands={commands} />
        ))}
      </ul>
    </section>
  );
}
