// Indexing is killed with SIGKILL at random moments and restarted; the durable job queue must resume and the
// index must end up exact: every file once, nothing pointing at a missing row, SQLite's integrity check clean.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const WORKER = resolve(import.meta.dirname, 'crash-worker.ts');
const FILES = 2500;
const KILLS = 4;

/** Starts the worker; kills it once it has started `killAfter` files (never, if undefined). Resolves on exit. */
function runWorker(db: string, folder: string, killAfter?: number): Promise<{ killed: boolean; done: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, db, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  let started = 0;
  let done = false;
  let killed = false;
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    for (const line of text.split('\n')) {
      if (line.startsWith('file ')) started += 1;
      if (line === 'done') done = true;
    }
    if (killAfter !== undefined && !killed && started >= killAfter) {
      killed = child.kill('SIGKILL');
    }
  });
  return new Promise((resolveExit) => child.on('exit', () => resolveExit({ killed, done })));
}

function counts(db: string) {
  const store = Store.open(db);
  try {
    return { ...store.counts(), pending: store.jobs.pendingCount() };
  } finally {
    store.dispose();
  }
}

describe('indexing killed at random moments', () => {
  it(`resumes after ${KILLS} SIGKILLs and indexes each of ${FILES} files exactly once`, async () => {
    const folder = await tempDir();
    for (let dir = 0; dir < 25; dir++) {
      await mkdir(join(folder, `d${dir}`));
      for (let i = 0; i < FILES / 25; i++) {
        await writeFile(join(folder, `d${dir}`, `f${i}.md`), `# Note ${dir}-${i}\n\nUnique word w${dir}x${i} about topic ${i % 7}.\n`);
      }
    }
    const db = join(await tempDir(), 'trove.db');
    const killPoints = Array.from({ length: KILLS }, () => 1 + Math.floor(Math.random() * 500));
    const interrupted: { indexed: number; pending: number }[] = [];
    for (const killAfter of killPoints) {
      const run = await runWorker(db, folder, killAfter);
      const state = counts(db);
      if (run.killed && !run.done) interrupted.push({ indexed: state.indexed, pending: state.pending });
    }
    // The kills must really have cut runs short with work left over, or this test proves nothing.
    expect(interrupted.length, `kill points ${killPoints.join(', ')}`).toBeGreaterThan(0);
    expect(interrupted.some((state) => state.indexed < FILES && state.pending > 0)).toBe(true);

    const final = await runWorker(db, folder);
    expect(final.done).toBe(true);

    const store = Store.open(db);
    try {
      const after = store.counts();
      expect(after).toMatchObject({ documents: FILES, indexed: FILES, failed: 0, skipped: 0, chunks: FILES, vectors: FILES, staleVectors: 0 });
      expect(store.jobs.pendingCount()).toBe(0);
      expect(store.jobs.failures()).toEqual([]);
      // No chunk or full-text row without its document; one vector per chunk (each file is one chunk, each
      // chunk embedded), so a vector of a removed chunk would show as vectors > chunks.
      expect(store.orphans()).toEqual({ chunks: 0, fullText: 0 });
      expect(store.integrityCheck()).toBe('ok');
      const paths = [...store.documents.statesForFolder(1).keys()];
      expect(new Set(paths).size).toBe(FILES);
      expect(paths.every((path) => path.startsWith(folder) && path.endsWith('.md'))).toBe(true);
    } finally {
      store.dispose();
    }
  });
});
