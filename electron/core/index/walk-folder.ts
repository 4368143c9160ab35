/**
 * Lists the files of a folder for indexing. Symbolic links are not followed (a link loop can never hang the
 * walk, and a link cannot pull files from outside the folder into the index). Directories that cannot be
 * read are reported, not fatal.
 */
import { lstat, opendir } from 'node:fs/promises';
import { join } from 'node:path';

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

/** Names never indexed: version control, dependencies, build output and caches. */
export const DEFAULT_EXCLUDED_NAMES: ReadonlySet<string> = new Set([
  'node_modules', 'bower_components', '__pycache__', 'venv', 'dist', 'build', 'out', 'target', 'coverage',
]);

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

export async function walkFolder(root: string, problems: WalkProblem[] = []): Promise<FileEntry[]> {
  const files: FileEntry[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let handle;
    try {
      handle = await opendir(dir);
    } catch (error) {
      problems.push(toProblem(dir, error));
      continue;
    }
    for await (const entry of handle) {
      if (isExcludedName(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) {
        try {
          const stats = await lstat(path);
          files.push({ path, size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) });
        } catch (error) {
          problems.push(toProblem(path, error));
        }
      }
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function toProblem(path: string, error: unknown): WalkProblem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return { path, code: 'PERMISSION_DENIED', message: `Cannot read ${path}: permission denied` };
  }
  return { path, code: 'VANISHED', message: `${path} disappeared while being read` };
}
