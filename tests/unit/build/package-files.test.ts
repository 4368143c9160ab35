// The packaged app's file set (electron-builder.json), checked statically: electron-builder cannot run here (it
// downloads Electron), so its `files` and `asarUnpack` globs are evaluated against the repository, the build
// and node_modules the way electron-builder applies them (in order; a `!` pattern removes what matched before).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, matchesGlob, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRIES, EXTERNALS, OUT_DIR } from '../../../scripts/build/bundles.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8')) as { asar?: boolean; files: string[]; asarUnpack: string[] };
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

/** Whether `path` ends up selected by an ordered list of globs with `!` exclusions. */
function selected(patterns: readonly string[], path: string): boolean {
  let inside = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchesGlob(path, pattern.slice(1))) inside = false;
    } else if (matchesGlob(path, pattern)) inside = true;
  }
  return inside;
}

/** The project's own files (tracked) plus what the build writes (names as the build lays them out). */
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
const built = [
  ...Object.keys(ENTRIES).flatMap((name) => [`${OUT_DIR}/${name}.mjs`, `${OUT_DIR}/${name}.mjs.map`]),
  `${OUT_DIR}/chunk-ABCDEFGH.mjs`,
  'out/renderer/index.html',
  'out/renderer/assets/index-abc.js',
  'out/preload/index.cjs',
  'native/electron/better_sqlite3.node',
];
const appFiles = [...tracked, ...built].filter((path) => selected(config.files, path));

/** A package and every package it needs at run time (dependencies and the optional ones installed here). */
function closure(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const manifest = join(ROOT, 'node_modules', name, 'package.json');
    if (seen.has(name) || !existsSync(manifest)) return;
    seen.add(name);
    const { dependencies = {}, optionalDependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const dep of Object.keys({ ...dependencies, ...optionalDependencies })) visit(dep);
  };
  names.forEach(visit);
  return seen;
}

/** The externals a built entry loads at run time: import specifiers in it and in the chunks it imports, statically or not. */
function externalsImportedBy(entry: string): string[] {
  const build = join(ROOT, OUT_DIR);
  const texts: string[] = [];
  const queue = [`${entry}.mjs`];
  for (let i = 0; i < queue.length; i += 1) {
    const file = queue[i] as string;
    if (!existsSync(join(build, file))) continue;
    const text = readFileSync(join(build, file), 'utf8');
    texts.push(text);
    for (const match of text.matchAll(/["']\.\/([\w.-]+\.mjs)["']/g)) if (!queue.includes(match[1] as string)) queue.push(match[1] as string);
  }
  expect(texts.length).toBeGreaterThan(0);
  return EXTERNALS.filter((name) => texts.some((text) => new RegExp(`["']${name}(/[^"']*)?["']`).test(text)));
}

describe('the packaged app (electron-builder.json)', () => {
  it('is the built output and its assets: no TypeScript, no tests, no sources, no e2e transport', () => {
    expect(config.asar).not.toBe(false);
    expect(appFiles.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))).toEqual([]);
    expect(appFiles.filter((f) => /^(tests|electron|renderer|scripts|docs|bin)\//.test(f))).toEqual([]);
    expect(appFiles).toEqual(expect.arrayContaining(['package.json', 'models/manifest.json', pkg.main, `${OUT_DIR}/host.mjs`, `${OUT_DIR}/cli.mjs`, 'out/renderer/index.html', 'out/preload/index.cjs']));
    expect(appFiles.some((f) => f.startsWith(`${OUT_DIR}/ws-host`))).toBe(false);
    expect(pkg.main).toBe(`${OUT_DIR}/main.mjs`);
  });

  it('keeps every package the externals need, and drops the dependencies the bundles already hold', () => {
    const needed = closure(EXTERNALS.filter((name) => name !== 'electron'));
    const dropped = [...needed].filter((name) => !selected(['**', ...config.files], `node_modules/${name}/package.json`));
    expect(dropped).toEqual([]);
    const bundledOnly = Object.keys(pkg.dependencies).filter((name) => !needed.has(name));
    expect(bundledOnly.length).toBeGreaterThan(0);
    expect(bundledOnly.filter((name) => selected(['**', ...config.files], `node_modules/${name}/package.json`))).toEqual([]);
  });

  it('unpacks the native modules, the built worker threads and everything they load from the asar archive', () => {
    const unpacked = (path: string) => selected(config.asarUnpack, path);
    for (const name of ['extract-worker', 'search-worker', 'host', 'cli']) expect(unpacked(`${OUT_DIR}/${name}.mjs`)).toBe(true);
    expect(unpacked(`${OUT_DIR}/chunk-ABCDEFGH.mjs`)).toBe(true);
    expect(unpacked('native/electron/better_sqlite3.node')).toBe(true);
    // Worker threads start from a path on disk (electron/core/worker-entry.ts): what they import resolves there too.
    const workerExternals = [...new Set([...externalsImportedBy('extract-worker'), ...externalsImportedBy('search-worker')])];
    expect(workerExternals).toEqual(expect.arrayContaining(['better-sqlite3', 'pdfjs-dist', 'mammoth', 'tesseract.js', '@napi-rs/canvas']));
    // OCR's English data is read from disk by tesseract's own worker thread: it must be unpacked too.
    expect(unpacked('node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz')).toBe(true);
    expect(unpacked('node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm')).toBe(true);
    const stillPacked = [...closure(workerExternals)].filter((name) => !unpacked(`node_modules/${name}/package.json`));
    expect(stillPacked).toEqual([]);
  });
});
