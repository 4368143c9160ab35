/**
 * What a folder leaves out of the index: the default excludes (hidden entries, dependencies, build output,
 * temporary and lock files), `.gitignore` and `.troveignore` files at any depth (gitignore syntax, via the
 * `ignore` package), and the folder's own extra patterns. The walk, the watcher and the job worker all ask
 * the same object, so a path is either in or out everywhere.
 *
 * An ignore file that exists but cannot be read (permissions) leaves its whole directory out: what it excludes
 * is unknown, and indexing files someone meant to keep out is worse than leaving some out for a while. It is
 * reported (`unreadableRuleFiles`), so the folder's problems say why, and it is read again once it changes.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isExcludedName, type WalkProblem } from './walk-folder.ts';

/** Files whose contents are exclusion rules; they are read, never indexed. */
export const IGNORE_FILE_NAMES: readonly string[] = ['.gitignore', '.troveignore'];

export function isIgnoreFile(path: string): boolean {
  return IGNORE_FILE_NAMES.includes(basename(path));
}

/** Reads an ignore file's text; throws as `readFileSync` does. */
export type ReadRuleFile = (path: string) => string;

/** The rules of a directory whose ignore file could not be read: everything below it is left out. */
const UNREADABLE = Symbol('unreadable ignore file');

export class IgnoreRules {
  private readonly extra: Ignore;
  /** Parsed ignore files per directory (null: the directory has none). Invalidated when one changes. */
  private readonly perDirectory = new Map<string, Ignore | null | typeof UNREADABLE>();
  /** Ignore files that exist but could not be read, with why. */
  private readonly unreadable = new Map<string, string>();

  constructor(
    readonly root: string,
    readonly extraPatterns: readonly string[] = [],
    // Synchronous on purpose: chokidar's `ignored` callback is synchronous. Ignore files are tiny and cached.
    private readonly readRuleFile: ReadRuleFile = (path) => readFileSync(path, 'utf8'),
  ) {
    this.extra = ignore().add([...extraPatterns]);
  }

  /** Ignore files met so far that exist but could not be read: their directories are left out whole. */
  unreadableRuleFiles(): WalkProblem[] {
    return [...this.unreadable].map(([path, message]) => ({ path, code: 'PERMISSION_DENIED', message }));
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
    // The rules of each directory on the way, from the root down (cached: each ignore file is read once).
    const rulesOnTheWay = segments.map((_, depth) => this.rulesFor(join(this.root, ...segments.slice(0, depth))));
    // Unknown rules above the path outweigh any `!` re-include below them.
    if (rulesOnTheWay.includes(UNREADABLE)) return true;
    // Each ignore file speaks for its own directory and below, with paths relative to it; as in git, the
    // deepest file with an opinion (a match, or a `!` re-include) decides.
    for (let depth = segments.length - 1; depth >= 0; depth--) {
      const rules = rulesOnTheWay[depth];
      if (!rules || rules === UNREADABLE) continue;
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
    this.unreadable.delete(ignoreFilePath);
  }

  private rulesFor(dir: string): Ignore | null | typeof UNREADABLE {
    const cached = this.perDirectory.get(dir);
    if (cached !== undefined) return cached;
    let rules: Ignore | null | typeof UNREADABLE = null;
    for (const name of IGNORE_FILE_NAMES) {
      const path = join(dir, name);
      const read = this.readOptional(path);
      if (read === UNREADABLE) rules = UNREADABLE;
      else if (read !== undefined && rules !== UNREADABLE) rules = (rules ?? ignore()).add(read);
    }
    this.perDirectory.set(dir, rules);
    return rules;
  }

  /** The file's text; undefined when there is no such file; UNREADABLE (and noted) when it exists but cannot be read. */
  private readOptional(path: string): string | undefined | typeof UNREADABLE {
    try {
      return this.readRuleFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      this.unreadable.set(path, `Cannot read ${path}${code === 'EACCES' || code === 'EPERM' ? ': permission denied' : ''}; the files beside it are left out of the index until it can be read`);
      return UNREADABLE;
    }
  }
}
