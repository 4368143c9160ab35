/**
 * One registered folder under chokidar. It only translates file-system events into "this path needs a
 * look" calls; deciding what that means is the job worker's business (it settles each path against the disk).
 * Writes in progress are waited out with chokidar's awaitWriteFinish: an event fires once the file's size
 * has held still for `stabilityMs`, so a file being copied or saved in chunks is not indexed half-written.
 */
import { watch, type FSWatcher } from 'chokidar';
import { dirname } from 'node:path';
import { isIgnoreFile, type IgnoreRules } from '../index/ignore-rules.ts';

export interface WatchTiming {
  /** How long a file's size must stay unchanged before its add/change event fires. */
  readonly stabilityMs: number;
  /** How often the size is polled while waiting for it to settle. */
  readonly pollMs: number;
}

/** Short enough to keep save-to-search under a second, long enough to outlast an editor's chunked save. */
export const DEFAULT_WATCH_TIMING: WatchTiming = { stabilityMs: 150, pollMs: 40 };

export interface FolderWatchEvents {
  /** A file appeared, changed or went away. */
  readonly onPath: (path: string, kind: 'upsert' | 'remove') => void;
  /** A directory went away: everything indexed under it must go too. */
  readonly onDirectoryRemoved: (path: string) => void;
  /** A .gitignore or .troveignore file changed: what is in and out of the folder may have changed. */
  readonly onRulesChanged: (ignoreFile: string) => void;
  readonly onError: (error: Error) => void;
}

export class FolderWatcher {
  private constructor(private readonly watcher: FSWatcher) {}

  /** Starts watching `root`; resolves once chokidar has scanned it and reports changes from then on. */
  static start(root: string, rules: IgnoreRules, events: FolderWatchEvents, timing: WatchTiming = DEFAULT_WATCH_TIMING): Promise<FolderWatcher> {
    const watcher = watch(root, {
      ignoreInitial: true, // the start-up reconciliation, not chokidar, decides what changed while we were away
      followSymlinks: false,
      awaitWriteFinish: { stabilityThreshold: timing.stabilityMs, pollInterval: timing.pollMs },
      ignored: (path, stats) => {
        // Ignore files are hidden (excluded by default) but must be seen to follow rule changes.
        if (isIgnoreFile(path) && !stats?.isDirectory()) return rules.ignores(dirname(path), true);
        return rules.ignores(path, stats?.isDirectory() ?? false);
      },
    });
    watcher
      .on('add', (path) => (isIgnoreFile(path) ? events.onRulesChanged(path) : events.onPath(path, 'upsert')))
      .on('change', (path) => (isIgnoreFile(path) ? events.onRulesChanged(path) : events.onPath(path, 'upsert')))
      .on('unlink', (path) => (isIgnoreFile(path) ? events.onRulesChanged(path) : events.onPath(path, 'remove')))
      .on('unlinkDir', (path) => events.onDirectoryRemoved(path))
      .on('error', (error) => events.onError(error instanceof Error ? error : new Error(String(error))));
    return new Promise((resolve, reject) => {
      const failed = (error: unknown) => {
        void watcher.close();
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      watcher.once('error', failed);
      watcher.once('ready', () => {
        watcher.off('error', failed);
        resolve(new FolderWatcher(watcher));
      });
    });
  }

  async dispose(): Promise<void> {
    await this.watcher.close();
  }
}
