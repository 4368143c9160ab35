/**
 * The folder that holds package.json and models/: a checkout, an installed package, or the packaged app's
 * resources (app.asar). This file sits two folders below it (electron/core/), and so does every bundle the
 * build writes (out/app/, see scripts/build/bundles.ts), so one relative URL serves the sources and the build.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A path inside the project, e.g. projectPath('models', 'manifest.json'). */
export function projectPath(...parts: readonly string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
