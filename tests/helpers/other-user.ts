/**
 * Running the CLI as another user, for tests that need a real permission failure: as root (CI containers)
 * every file is readable. That needs `runuser`, the `nobody` user, and a checkout `nobody` can reach: a clone
 * under a private folder (e.g. one made by `mktemp -d`, mode 700) cannot be, and the tests then run as
 * root without the unreadable file.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const PROJECT_ENTRY = resolve(import.meta.dirname, '../../bin/trove.mjs');

export const isRoot = process.getuid?.() === 0;

/** The command prefix that runs a command as `nobody`. */
export const AS_NOBODY: readonly string[] = ['runuser', '-u', 'nobody', '--'];

/** Whether tests can run the CLI as `nobody` (only as root, where permission failures need another user). */
export const canRunAsNobody = isRoot && succeeds('id', ['nobody']) && succeeds('sh', ['-c', 'command -v runuser'])
  && succeeds(AS_NOBODY[0] as string, [...AS_NOBODY.slice(1), 'test', '-r', PROJECT_ENTRY]);

function succeeds(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
