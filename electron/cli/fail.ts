/** Failures become one line on stderr that says what happened and what to do; stacks only with TROVE_DEBUG. */
import { DownloadError, TroveError } from '../core/errors.ts';

export function exitWithError(error: unknown): void {
  if (error instanceof TroveError) {
    process.stderr.write(`trove: ${error.message}\n  ${error.action}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`trove: unexpected error: ${message.split('\n')[0]}\n  Set TROVE_DEBUG=1 for details.\n`);
  }
  if (process.env.TROVE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  // 130: stopped by Ctrl-C (SIGINT), as shells report it.
  process.exitCode = error instanceof DownloadError && error.reason === 'cancelled' ? 130 : 1;
}
