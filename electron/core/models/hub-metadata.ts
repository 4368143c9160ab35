/**
 * A file's metadata from a Hugging Face–style hub, read the way huggingface_hub's get_hf_file_metadata does:
 * a HEAD on `<hub>/<repo>/resolve/<revision>/<file>` that does not follow the redirect to the CDN (whose
 * answer lacks these headers), with `Accept-Encoding: identity` so sizes are of the raw bytes.
 *
 * - `X-Linked-Etag`: for an LFS (or Xet-backed) file, the SHA-256 of its content: the LFS object id.
 * - `X-Linked-Size`: its size in bytes.
 * - `X-Repo-Commit`: the commit the revision resolved to.
 * - `Location` (302): where the bytes are, usually another host (the CDN).
 *
 * Relative redirects (a renamed repository, same host) are followed, as huggingface_hub does. A file kept in
 * git rather than LFS has only a git ETag (a SHA-1), so it has no SHA-256 here: `sha256` is null then.
 */
import { DownloadError } from '../errors.ts';
import { checkDownloadUrl } from './download-url.ts';

export interface HubFileMetadata {
  /** Lower-case hex SHA-256 of the file, or null when the hub published none. */
  readonly sha256: string | null;
  readonly sizeBytes: number | null;
  readonly commit: string | null;
  /** Where to GET the bytes: the redirect's target, or the URL itself when the hub serves them directly. */
  readonly downloadUrl: string;
}

export interface HubMetadataOptions {
  /** Where the file will be saved (for error messages). */
  readonly dest: string;
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
}

const MAX_RELATIVE_REDIRECTS = 5;
const SHA256 = /^[0-9a-f]{64}$/;

export async function fetchHubMetadata(url: string, options: HubMetadataOptions): Promise<HubFileMetadata> {
  let current = checkDownloadUrl(url, url, options.dest);
  for (let hop = 0; ; hop++) {
    const response = await head(current, url, options);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      const target = new URL(location, current);
      if (target.origin === current.origin && hop < MAX_RELATIVE_REDIRECTS) {
        current = target;
        continue;
      }
      return readMetadata(response, checkDownloadUrl(target.href, url, options.dest).href);
    }
    if (response.ok) return readMetadata(response, current.href);
    if (response.status === 404) {
      throw new DownloadError('not-found', url, options.dest, `${current.host} has no file at ${current.pathname} (HTTP 404).`, { status: 404 });
    }
    throw new DownloadError('http-status', url, options.dest, `${current.host} refused the file's metadata: HTTP ${response.status}${response.status === 401 || response.status === 403 ? ' (the file is gated or private)' : ''}.`, {
      status: response.status,
    });
  }
}

async function head(target: URL, origin: string, options: HubMetadataOptions): Promise<Response> {
  try {
    return await (options.fetch ?? fetch)(target, {
      method: 'HEAD',
      redirect: 'manual',
      headers: { 'Accept-Encoding': 'identity' },
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw new DownloadError('cancelled', origin, options.dest, 'The download was cancelled before it started.', { cause: error });
    throw new DownloadError('network', origin, options.dest, `Cannot reach ${target.host}: ${(error as Error).message}.`, { cause: error });
  }
}

function readMetadata(response: Response, downloadUrl: string): HubFileMetadata {
  const etag = normaliseEtag(response.headers.get('x-linked-etag'));
  const size = Number(response.headers.get('x-linked-size') ?? NaN);
  return {
    sha256: etag !== null && SHA256.test(etag) ? etag : null,
    sizeBytes: Number.isSafeInteger(size) && size > 0 ? size : null,
    commit: response.headers.get('x-repo-commit'),
    downloadUrl,
  };
}

/** `W/"abc"` → `abc`, lower case. */
export function normaliseEtag(value: string | null): string | null {
  if (value === null) return null;
  const bare = value.trim().replace(/^W\//, '').replace(/^"|"$/g, '').toLowerCase();
  return bare === '' ? null : bare;
}
