/** Trove's version, from the package.json beside the sources or the build (read when asked, in well under 1 ms). */
import { readFileSync } from 'node:fs';
import { projectPath } from '../core/project-root.ts';

export function troveVersion(): string {
  const { version } = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : 'unknown';
}
