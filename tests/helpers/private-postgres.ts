/**
 * A private PostgreSQL server for tests: `initdb` in a temporary folder, listening only on a Unix socket in
 * that folder (no TCP port), run as `nobody` when the tests run as root (PostgreSQL refuses to run as root),
 * stopped and removed afterwards. Needs Debian's postgresql-15 and pgvector (scripts/postgres/install-postgres.sh);
 * without them `postgresUnavailable` says why and the tests that need a server skip.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AS_NOBODY, isRoot } from './other-user.ts';

const PG_BIN = process.env.TROVE_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const VECTOR_CONTROL = '/usr/share/postgresql/15/extension/vector.control';
const SUPERUSER = 'trove';

/** Why no private server can be started here, or undefined when it can. */
export const postgresUnavailable: string | undefined = !existsSync(join(PG_BIN, 'initdb'))
  ? `PostgreSQL 15 is not installed (${PG_BIN}/initdb): run scripts/postgres/install-postgres.sh`
  : !existsSync(VECTOR_CONTROL)
    ? 'pgvector is not installed: run scripts/postgres/install-postgres.sh'
    : isRoot && !nobodyExists()
      ? 'running as root without a `nobody` user to run PostgreSQL as'
      : undefined;

export interface PrivatePostgres {
  /** Connection URL of the server's `postgres` database over its Unix socket. */
  readonly url: string;
  /** A URL for another database on the same server (created with createDatabase). */
  urlOf(database: string): string;
  createDatabase(name: string): void;
  /** Stops the server at once (as a crash would) or cleanly; `start` brings it back on the same data. */
  stop(mode?: 'immediate' | 'fast'): void;
  start(): void;
  /** Stops the server and removes its folder. */
  dispose(): void;
}

/** Server settings beyond the defaults (e.g. a benchmark's shared_buffers), as `-c name=value`. */
export function startPrivatePostgres(settings: Readonly<Record<string, string>> = {}): PrivatePostgres {
  if (postgresUnavailable) throw new Error(postgresUnavailable);
  const dir = mkdtempSync(join(tmpdir(), 'trove-pg-'));
  if (isRoot) chownSync(dir, ...nobodyIds());
  const data = join(dir, 'data');
  const run = (tool: string, args: readonly string[]) =>
    execFileSync(isRoot ? (AS_NOBODY[0] as string) : join(PG_BIN, tool), isRoot ? [...AS_NOBODY.slice(1), join(PG_BIN, tool), ...args] : [...args], {
      stdio: 'pipe',
      cwd: dir,
    });
  run('initdb', ['-D', data, '-U', SUPERUSER, '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  // No TCP at all; the socket lives in the private folder. fsync off: only an operating-system crash would lose
  // data. Commits stay synchronous: tests stop the server at once (as a crash) and expect every commit back.
  const extra = Object.entries(settings).map(([name, value]) => ` -c ${name}=${value}`).join('');
  const options = `-c listen_addresses='' -k ${dir} -c fsync=off${extra}`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  let running = false;
  const stop = (mode: 'immediate' | 'fast' = 'fast') => {
    if (!running) return;
    run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    running = false;
  };
  start();
  running = true;
  const urlOf = (database: string) => `postgresql://${SUPERUSER}@localhost/${database}?host=${encodeURIComponent(dir)}`;
  return {
    url: urlOf('postgres'),
    urlOf,
    createDatabase: (name) => {
      run('createdb', ['-h', dir, '-U', SUPERUSER, name]);
    },
    stop,
    start: () => {
      if (running) return;
      start();
      running = true;
    },
    dispose: () => {
      try {
        stop('immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function nobodyExists(): boolean {
  try {
    nobodyIds();
    return true;
  } catch {
    return false;
  }
}

function nobodyIds(): [number, number] {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return [id('-u'), id('-g')];
}
