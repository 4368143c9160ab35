/**
 * What indexing always leaves out, by name. Its own module so the engine can show the list (`trove status`, the
 * app) without loading the folder walk, and node:fs/promises with it, at every start.
 */

/** Names never indexed: version control, dependencies, build output and caches. */
export const DEFAULT_EXCLUDED_NAMES: ReadonlySet<string> = new Set([
  'node_modules', 'bower_components', '__pycache__', 'venv', 'dist', 'build', 'out', 'target', 'coverage',
]);

/** The default excludes as people read them (for `trove status` and the app). */
export const DEFAULT_EXCLUDES_DESCRIPTION: readonly string[] = [
  'hidden files and folders (.git, .cache, .DS_Store…)',
  ...DEFAULT_EXCLUDED_NAMES,
  'temporary and lock files (~$*, *~, *.tmp, *.swp, *.lock, *.part, *.crdownload)',
];
