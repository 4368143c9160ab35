/**
 * Runs one side of a benchmark in a child process (this tree's tsx), so each side has its own llama runtime
 * and its own peak memory (the child's maxRSS, which a parent cannot separate once two sides shared it).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `script --child <json args> --out <file>` and returns what the child wrote to <file>. */
export async function runChild<T>(script: string, args: unknown): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'trove-bench-child-'));
  const out = join(dir, 'result.json');
  try {
    await run(process.execPath, ['--import', 'tsx', script, '--child', JSON.stringify(args), '--out', out], { maxBuffer: 2 ** 26 });
    return JSON.parse(await readFile(out, 'utf8')) as T;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The process's peak resident set so far, in MiB. On Linux from /proc/self/status (VmHWM): `maxRSS` (getrusage)
 * of a child starts at what its parent held when it forked, so a parent that had just rendered 100 pages made
 * every child report the parent's 1.3 GB; VmHWM belongs to the child's own address space, started at exec.
 */
export function peakRssMiB(): number {
  if (process.platform === 'linux') {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm?.[1]) return Number(hwm[1]) / 1024;
  }
  return process.resourceUsage().maxRSS / 1024;
}
