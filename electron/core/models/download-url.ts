/**
 * Which URLs a model download may use, and the test-only hub override. Downloads go over https; plain http is
 * accepted only to this machine (a loopback address), which is what the tests' emulated hub uses. Neither
 * rule nor the override changes verification: every file is still checked against its SHA-256.
 */
import { DownloadError } from '../errors.ts';

/** Where the shipped manifest's URLs point. */
export const HUB_ORIGIN = 'https://huggingface.co';

/**
 * TROVE_MODEL_HUB_URL: for tests (and an organisation's hub mirror), the origin that replaces
 * https://huggingface.co in manifest URLs. Unset in normal use.
 */
export const HUB_OVERRIDE_ENV = 'TROVE_MODEL_HUB_URL';

/** The URL to download `manifestUrl` from: the hub origin swapped for TROVE_MODEL_HUB_URL when that is set. */
export function effectiveUrl(manifestUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[HUB_OVERRIDE_ENV]?.replace(/\/+$/, '');
  if (!override || !manifestUrl.startsWith(`${HUB_ORIGIN}/`)) return manifestUrl;
  checkDownloadUrl(override, manifestUrl, '');
  return `${override}${manifestUrl.slice(HUB_ORIGIN.length)}`;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** Throws unless `url` is https, or http to a loopback address. `dest` names the file for the message. */
export function checkDownloadUrl(url: string, origin: string, dest: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DownloadError('insecure-url', origin, dest, `"${url}" is not a URL.`);
  }
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopback(parsed))) return parsed;
  throw new DownloadError('insecure-url', origin, dest, `Refusing to download from ${parsed.origin}: only https (or http to this machine) is used for models.`);
}
