/**
 * Lists the files of a folder for indexing. Symbolic links are not followed (a link loop can never hang the
 * walk, and a link cannot pull files from outside the folder into the index). Directories that cannot be
 * read are reported, not fatal.
 */
import { lstat, opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_EXCLUDED_NAMES } from './default-excludes.ts';

export interface FileEntry {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface WalkProblem {
  readonly path: string;
  readonly code: 'PERMISSION_DENIED' | 'VANISHED';
  readonly message: string;
}

/** Hidden entries (.git, .cache, .DS_Store…) and editor/OS temporary or lock files are left out. */
export function isExcludedName(name: string): boolean {
  return (
    name.startsWith('.') ||
    name.startsWith('~$') ||
    name.endsWith('~') ||
    /\.(tmp|temp|swp|swo|lock|crdownload|part)$/i.test(name) ||
    DEFAULT_EXCLUDED_NAMES.has(name)
  );
}

export async function walkFolder(root: string, problems: WalkProblem[] = [], rules?: WalkFilter): Promise<FileEntry[]> {
  const files: FileEntry[] = [];
  for await (const file of walkEntries(root, problems, rules)) files.push(file);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Decides which paths the walk leaves out (see IgnoreRules); without one, only the default excludes apply. */
export interface WalkFilter {
  ignores(path: string, isDirectory: boolean): boolean;
  /** Rule files that exist but could not be read (their directories are left out): reported as problems. */
  unreadableRuleFiles?(): readonly WalkProblem[];
}

/**
 * Streams the files of a folder in path order, without holding the whole listing: memory stays bounded by
 * the directories still to visit, so folders of 100,000 files can be compared with the index as they are read.
 */
export async function* walkEntries(root: string, problems: WalkProblem[] = [], rules?: WalkFilter): AsyncGenerator<FileEntry> {
  // A stack of entries still to visit; a directory is replaced by its (sorted) children when popped.
  const pending: { path: string; isDirectory: boolean }[] = [{ path: root, isDirectory: true }];
  while (pending.length > 0) {
    const item = pending.pop() as { path: string; isDirectory: boolean };
    if (!item.isDirectory) {
      try {
        const stats = await lstat(item.path);
        yield { path: item.path, size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) };
      } catch (error) {
        problems.push(toProblem(item.path, error));
      }
      continue;
    }
    let children: { path: string; isDirectory: boolean }[] = [];
    try {
      for await (const entry of await opendir(item.path)) {
        if (isExcludedName(entry.name) || !(entry.isDirectory() || entry.isFile())) continue;
        const path = join(item.path, entry.name);
        if (!rules?.ignores(path, entry.isDirectory())) children.push({ path, isDirectory: entry.isDirectory() });
      }
    } catch (error) {
      problems.push(toProblem(item.path, error));
      children = [];
    }
    children.sort((a, b) => (a.path < b.path ? 1 : a.path > b.path ? -1 : 0));
    pending.push(...children);
  }
}

function toProblem(path: string, error: unknown): WalkProblem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return { path, code: 'PERMISSION_DENIED', message: `Cannot read ${path}: permission denied` };
  }
  return { path, code: 'VANISHED', message: `${path} disappeared while being read` };
}
