/**
 * `trove watch`: keeps every registered folder's index live until interrupted. Ctrl-C (or SIGTERM) stops
 * cleanly: the file being written finishes its one transaction, queued work stays queued for the next start.
 */
import type { FileEvent } from '../../core/index/job-runner.ts';
import type { FolderEvent } from '../../core/watch/live-index.ts';
import { createProgressPrinter } from '../progress.ts';
import { withEngine, type GlobalOptions } from './open.ts';

export async function runWatch(options: GlobalOptions): Promise<void> {
  // On a shared index (--store) the folders are the team's; a folder is indexed by whichever client holds its lease.
  await withEngine({ ...options, loadEmbedder: true, sharedStore: 'supported' }, async (engine) => {
    const folders = await engine.listFolders();
    if (folders.length === 0) {
      process.stderr.write('trove: no folders registered yet: run `trove index <folder>`\n');
      process.exitCode = 1;
      return;
    }
    const progress = createProgressPrinter();
    const stopped = new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    const live = await engine.watch({
      onProgress: progress.onProgress,
      onFile: (event) => {
        progress.finish();
        print(options, formatFile(event), { event: 'file', ...event });
      },
      onFolder: (event) => {
        progress.finish();
        print(options, formatFolder(event), { event: 'folder', ...event });
      },
    });
    const watching = (await engine.listFolders()).filter((folder) => folder.status !== 'missing').length;
    process.stderr.write(`trove: watching ${watching} of ${folders.length} folders (Ctrl-C to stop)\n`);
    print(options, undefined, { event: 'ready', folders: watching });
    const signal = await stopped;
    process.stderr.write(`trove: ${signal === 'SIGINT' ? 'interrupted' : 'stopping'}; finishing the current file\n`);
    await live.dispose();
    progress.finish();
  });
}

/** Human lines on stdout, or one JSON object per line with --json (for scripts and benchmarks). */
function print(options: GlobalOptions, human: string | undefined, json: Record<string, unknown>): void {
  if (options.json) process.stdout.write(`${JSON.stringify(json)}\n`);
  else if (human) process.stdout.write(`${human}\n`);
}

function formatFile(event: FileEvent): string {
  if (event.outcome === 'removed') return `removed   ${event.path}`;
  if (event.outcome === 'indexed') return `indexed   ${event.path} (${event.chunks} chunks)`;
  return `${event.outcome.padEnd(9)} ${event.path}`;
}

function formatFolder(event: FolderEvent): string {
  if (event.kind === 'watching') return `watching  ${event.path}`;
  if (event.kind === 'missing') return `missing   ${event.path} (its index is kept; watching resumes when it returns)`;
  return `error     ${event.path}: ${event.message ?? 'unknown problem'}`;
}
