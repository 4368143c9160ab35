/**
 * Pulling a recommended model: which SHA-256 and size to hold the bytes to, then the download. The SHA-256 is
 * the one pinned in the manifest (or given by the user) when there is one; otherwise the hub's own record of
 * the file, read over https from its metadata (see hub-metadata.ts). With neither, nothing is downloaded.
 */
import { join } from 'node:path';
import { DownloadError } from '../errors.ts';
import { downloadModel, type DownloadProgress, type DownloadResult } from './download.ts';
import { effectiveUrl, HUB_OVERRIDE_ENV } from './download-url.ts';
import { fetchHubMetadata } from './hub-metadata.ts';
import type { ManifestEntry } from './manifest.ts';

export interface PullOptions {
  /** The folder the model is saved in. */
  readonly modelsDir: string;
  /** A SHA-256 the user gave; it takes precedence over the manifest's. */
  readonly sha256?: string;
  readonly onProgress?: (progress: DownloadProgress) => void;
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
  readonly env?: NodeJS.ProcessEnv;
  readonly retryDelayMs?: number;
  readonly now?: () => number;
}

export interface PullResult extends DownloadResult {
  /** Where the expected SHA-256 came from. */
  readonly verifiedWith: 'manifest' | 'hub' | 'user';
  readonly sha256: string;
  /** The hub commit the file was resolved at, when the hub said. */
  readonly commit: string | null;
}

/** Whether `trove models pull` / the Download button can fetch this entry, and why (for `models list --json`). */
export function downloadability(entry: ManifestEntry): { readonly downloadable: boolean; readonly why: string } {
  if (entry.url === null) return { downloadable: false, why: entry.note ?? 'The manifest has no download URL for it.' };
  if (entry.sha256 !== null) return { downloadable: true, why: 'Verified against the SHA-256 pinned in the manifest.' };
  if (/\/resolve\/[^/]+\//.test(entry.url)) {
    return { downloadable: true, why: "Verified against the SHA-256 the hub publishes for the file (its LFS object id, X-Linked-Etag), read over https when it is downloaded." };
  }
  return { downloadable: false, why: 'No SHA-256 pinned and the URL is not a hub file URL: pass --sha256.' };
}

export async function pullModel(entry: ManifestEntry, options: PullOptions): Promise<PullResult> {
  const dest = join(options.modelsDir, entry.file);
  if (entry.url === null) throw new DownloadError('not-found', '', dest, `${entry.name} has no direct download: ${entry.note ?? 'see the manifest'}`);
  const url = effectiveUrl(entry.url, options.env ?? process.env);
  const pinned = options.sha256?.toLowerCase() ?? entry.sha256;
  let downloadUrl = url;
  let sha256 = pinned;
  let size = entry.sizeBytes;
  let commit: string | null = null;
  if (pinned === null) {
    const meta = await fetchHubMetadata(url, { dest, ...pick(options) });
    if (meta.sha256 === null) {
      throw new DownloadError('no-checksum', url, dest, `${entry.name} has no SHA-256 to verify against: the manifest pins none and ${new URL(url).host} published none for the file.`);
    }
    if (size !== null && meta.sizeBytes !== null && size !== meta.sizeBytes) {
      throw new DownloadError('hub-disagrees', url, dest, `${entry.name}: the manifest says ${size} bytes but ${new URL(url).host} now serves ${meta.sizeBytes}.`);
    }
    ({ downloadUrl, sha256, commit } = meta);
    size ??= meta.sizeBytes;
  }
  const result = await downloadModel({
    url: downloadUrl,
    dest,
    sha256: sha256 as string,
    expectedSize: size,
    ...pick(options),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
  return { ...result, verifiedWith: options.sha256 !== undefined ? 'user' : pinned !== null ? 'manifest' : 'hub', sha256: sha256 as string, commit };
}

/** A note for the user when the hub override is in effect (tests and mirrors), else undefined. */
export function hubOverrideNote(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env[HUB_OVERRIDE_ENV];
  return override ? `Using the model hub at ${override} (${HUB_OVERRIDE_ENV}).` : undefined;
}

function pick(options: PullOptions): { fetch?: typeof fetch; signal?: AbortSignal } {
  return { ...(options.fetch !== undefined ? { fetch: options.fetch } : {}), ...(options.signal !== undefined ? { signal: options.signal } : {}) };
}
