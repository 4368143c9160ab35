// The built CLI (out/app, what `npm install` builds and bin/trove.mjs runs): built here from the current sources
// into a folder laid out like a checkout, then run as a user would, through the worker threads it starts.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../native/sqlite.ts';
import { buildBundles, OUT_DIR } from '../../../scripts/build/bundles.ts';
import { BACKUP_GUIDE, makeManualPdf } from '../../helpers/manual-pdf.ts';
import { SAMPLE_FILES, writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import type { CliResult } from '../../helpers/run-cli.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const tempDir = useTempDirs();
let checkout: string;

/** A folder with what a checkout has at run time: package.json, bin/, models/manifest.json, node_modules and the build. */
async function builtCheckout(): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'trove-built-cli-test');
  await mkdir(join(dir, 'bin'), { recursive: true });
  await mkdir(join(dir, 'models'), { recursive: true });
  await copyFile(join(ROOT, 'package.json'), join(dir, 'package.json'));
  await copyFile(join(ROOT, 'bin/trove.mjs'), join(dir, 'bin/trove.mjs'));
  await copyFile(join(ROOT, 'models/manifest.json'), join(dir, 'models/manifest.json'));
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules')).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await buildBundles(ROOT, dir);
  return dir;
}

function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(process.execPath, [join(checkout, 'bin/trove.mjs'), ...args], { env: { ...process.env, TROVE_DEBUG: '', TROVE_FROM_SOURCES: '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  checkout = await builtCheckout();
});

describe('the built CLI', () => {
  it('has no TypeScript to compile: every entry and chunk is JavaScript with a source map', async () => {
    const files = await readdir(join(checkout, OUT_DIR));
    expect(files).toEqual(expect.arrayContaining(['cli.mjs', 'main.mjs', 'host.mjs', 'extract-worker.mjs', 'search-worker.mjs', 'cli.mjs.map']));
    expect(files.filter((f) => !/\.mjs(\.map)?$/.test(f))).toEqual([]);
  });

  it('prints its version from package.json', async () => {
    const result = await run(['--version']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe((await import('../../../package.json', { with: { type: 'json' } })).default.version);
  });

  it('indexes text and a PDF (through the built extraction worker), searches and reports status', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, { ...SAMPLE_FILES, 'guide.pdf': await makeManualPdf(BACKUP_GUIDE) });

    const indexed = await run(['index', folder, '--data-dir', dataDir, '--json']);
    expect(indexed.code).toBe(0);
    const searched = await run(['search', 'restoring a backup', '--json', '--k', '3', '--data-dir', dataDir]);
    const { results } = JSON.parse(searched.stdout) as { results: { path: string; page: number | null }[] };
    expect(results.find((r) => r.path === join(folder, 'guide.pdf'))?.page).toEqual(expect.any(Number));
    const vacation = await run(['search', 'unused vacation days', '--json', '--data-dir', dataDir]);
    expect((JSON.parse(vacation.stdout) as { results: { path: string }[] }).results[0]?.path).toBe(join(folder, 'handbook/vacation.md'));
    const status = await run(['status', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(status.stdout)).toMatchObject({ folders: [{ path: folder, documents: Object.keys(SAMPLE_FILES).length + 1 }] });
  });

  it('stops quietly when the reader closes the pipe early (trove search … | head)', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    // Enough matching text that the output outgrows a pipe's buffer: writes go on after the reader has gone.
    // Each note different, or search would collapse the copies into one hit.
    const note = (i: number) => Array.from({ length: 80 }, (_, j) => `Restore backup ${i * 100 + j} from archive shelf ${(i * 31 + j * 7) % 997}.`).join(' ');
    await writeFiles(folder, Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`note-${i}.md`, `# Backup ${i}\n\n${note(i)}`])));
    expect((await run(['index', folder, '--data-dir', dataDir])).code).toBe(0);
    // A shell pipeline into `head`, as a person types it: Node's own child pipes are sockets with room for all of it.
    const pipeline = `"${process.execPath}" "${join(checkout, 'bin/trove.mjs')}" search 'restore backup' --k 60 --data-dir "${dataDir}" | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}" >&2`;
    const { code, stderr } = await new Promise<{ code: string; stderr: string }>((done) => {
      execFile('bash', ['-c', pipeline], { env: { ...process.env, TROVE_DEBUG: '', TROVE_FROM_SOURCES: '' } }, (_error, _stdout, err) => {
        const lines = err.trim().split('\n');
        done({ code: lines.pop() ?? '', stderr: lines.filter((line) => !line.includes('BM25 only')).join('\n') });
      });
    });
    expect({ code, stderr }).toEqual({ code: '0', stderr: '' });
  });

  it('searches without loading the Node built-ins it never uses (child_process, the diagnostic report)', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, SAMPLE_FILES);
    expect((await run(['index', folder, '--data-dir', dataDir])).code).toBe(0);
    // Node's own list of the built-ins a process loaded, written as it exits.
    const hook = join(await tempDir(), 'loaded.cjs');
    const listFile = join(dataDir, 'loaded.txt');
    await writeFile(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(listFile)}, process.moduleLoadList.join('\\n')));`);
    const searched = await run(['search', 'unused vacation days', '--mode', 'bm25', '--data-dir', dataDir], { NODE_OPTIONS: `--require ${hook}` });
    expect(searched.stdout).toContain('vacation.md');
    const loaded = (await readFile(listFile, 'utf8')).split('\n');
    expect(loaded).toContain('NativeModule fs');
    // commander's child_process (for executable subcommands Trove has none of) and sqlite-vec's ESM import of
    // node:process, whose wrapper evaluates process.report: ~6 and ~10 ms of every start (scripts/build/).
    expect(loaded.filter((name) => /child_process|process\/report/.test(name))).toEqual([]);
  });

  it('finds the model manifest beside package.json', async () => {
    const result = await run(['models', 'list', '--json', '--data-dir', await tempDir()]);
    expect(result.code).toBe(0);
    expect(JSON.stringify(JSON.parse(result.stdout))).toContain('recommended');
  });

  it('starts the built search worker, which opens the index read-only and says it is ready', async () => {
    const file = join(await tempDir(), 'trove.db');
    openSqlite(file).close();
    const worker = new Worker(join(checkout, OUT_DIR, 'search-worker.mjs'), { workerData: { file } });
    const first = await new Promise<unknown>((done, fail) => {
      worker.once('message', done);
      worker.once('error', fail);
    });
    await worker.terminate();
    expect(first).toEqual({ ready: true });
  });

  it('names the TypeScript source in stack traces under TROVE_DEBUG=1, and none without it', async () => {
    const dataDir = join(await tempDir(), 'file-not-dir');
    await writeFile(dataDir, 'a file where the data directory should be');
    const debug = await run(['status', '--data-dir', dataDir], { TROVE_DEBUG: '1' });
    expect(debug.code).not.toBe(0);
    expect(debug.stderr).toMatch(/electron\/(core|cli)\/[\w/-]+\.ts:\d+/);
    const plain = await run(['status', '--data-dir', dataDir]);
    expect(plain.code).not.toBe(0);
    expect(plain.stderr).not.toMatch(/\.ts:\d+/);
  });

  it('falls back to the sources with a clear line when the bundle is missing', async () => {
    const bare = await tempDir();
    await mkdir(join(bare, 'bin'));
    await copyFile(join(ROOT, 'bin/trove.mjs'), join(bare, 'bin/trove.mjs'));
    const result = await new Promise<CliResult>((done) => {
      execFile(process.execPath, [join(bare, 'bin/trove.mjs'), 'status'], { env: { ...process.env, TROVE_FROM_SOURCES: '' } }, (error, stdout, stderr) =>
        done({ code: error ? 1 : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('trove: the built CLI (out/app/cli.mjs) is missing. Reinstall Trove (npm install builds it).');
  });
});
