/**
 * One recommended model: installed, downloading (progress bar with speed and time left, Cancel), or a
 * Download button (Resume when a partial download is kept). The host verifies the file's SHA-256 and makes it
 * the model for its role when it is done.
 */
import type { DownloadProgressView, RecommendedModelView } from '../../../electron/shared/api.ts';
import type { Commands } from '../commands.ts';
import { describeDownloadProgress, formatBytes } from '../format.ts';

export interface RecommendedModelProps {
  readonly model: RecommendedModelView;
  /** Undefined: not downloading; null: started, no progress reported yet. */
  readonly download: DownloadProgressView | null | undefined;
  readonly commands: Pick<Commands, 'download' | 'cancelDownload'>;
}

export function RecommendedModel({ model, download, commands }: RecommendedModelProps) {
  return (
    <li aria-label={`Recommended ${model.name}`}>
      <strong>{model.name}</strong> <span className="muted">{[model.role, `~${formatBytes(model.approxSizeBytes)}`, model.license].join(' · ')}</span>
      <p className="muted">{model.description}</p>
      {model.installedPath ? (
        <span className="badge">installed</span>
      ) : download !== undefined ? (
        <div className="download">
          <progress
            max={download?.totalBytes ?? undefined}
            value={download?.receivedBytes ?? undefined}
            aria-label={`Downloading ${model.name}`}
          />
          <span className="muted" data-testid="download-status">
            {download ? describeDownloadProgress(download) : 'Starting…'}
          </span>
          <button type="button" onClick={() => void commands.cancelDownload(model.name)}>
            Cancel
          </button>
        </div>
      ) : model.downloadable ? (
        <button type="button" title={model.downloadableWhy} onClick={() => void commands.download(model.name)}>
          {model.partialBytes > 0 ? `Resume download (${formatBytes(model.partialBytes)} done)` : 'Download'}
        </button>
      ) : (
        <p className="muted" data-testid="manual-download">
          Manual download: {model.downloadableWhy}
        </p>
      )}
    </li>
  );
}
