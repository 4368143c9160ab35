/**
 * What a folder leaves out of the index: the default excludes (hidden entries, dependencies, build output,
 * temporary and lock files), `.gitignore` and `.troveignore` files at any depth (gitignore syntax, via the
 * `ignore` package), and the folder's own extra patterns. The walk, the watcher and the job worker all ask
 * the same object, so a path is either in or out everywhere.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isExcludedName } from './walk-folder.ts';

/** Files whose contents are exclusion rules; they are read, never indexed. */
export const IGNORE_FILE_NAMES: readonly string[] = ['.gitignore', '.troveignore'];

export function isIgnoreFile(path: string): boolean {
  return IGNORE_FILE_NAMES.includes(basename(path));
}

export class IgnoreRules {
  private readonly extra: Ignore;
  /** Parsed ignore files per directory (null: the directory has none). Invalidated when one changes. */
  private readonly perDirectory = new Map<string, Ignore | null>();

  constructor(
    readonly root: string,
    readonly extraPatterns: readonly string[] = [],
  ) {
    this.extra = ignore().add([...extraPatterns]);
  }

  /** True when `path` (absolute, inside the root) must stay out of the index. */
  ignores(path: string, isDirectory: boolean): boolean {
    const rel = relative(this.root, path);
    if (rel === '') return false;
    if (rel.startsWith('..') || isAbsolute(rel)) return true;
    const segments = rel.split(sep);
    if (segments.some(isExcludedName)) return true;
    const posix = segments.join('/');
    if (this.extra.ignores(isDirectory ? `${posix}/` : posix)) return true;
    // Each ignore file speaks for its own directory and below, with paths relative to it; as in git, the
    // deepest file with an opinion (a match, or a `!` re-include) decides.
    for (let depth = segments.length - 1; depth >= 0; depth--) {
      const rules = this.rulesFor(join(this.root, ...segments.slice(0, depth)));
      if (!rules) continue;
      const below = segments.slice(depth).join('/');
      const verdict = rules.test(isDirectory ? `${below}/` : below);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }

  /** An ignore file changed: forget what was read from its directory. */
  invalidate(ignoreFilePath: string): void {
    this.perDirectory.delete(dirname(ignoreFilePath));
  }

  private rulesFor(dir: string): Ignore | null {
    const cached = this.perDirectory.get(dir);
    if (cached !== undefined) return cached;
    let rules: Ignore | null = null;
    for (const name of IGNORE_FILE_NAMES) {
      const text = readOptional(join(dir, name));
      if (text !== undefined) rules = (rules ?? ignore()).add(text);
    }
    this.perDirectory.set(dir, rules);
    return rules;
  }
}

function readOptional(path: string): string | undefined {
  try {
    // Synchronous on purpose: chokidar's `ignored` callback is synchronous. Ignore files are tiny and cached.
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
