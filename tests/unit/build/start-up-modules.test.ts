// What `trove search` and `trove --version` load before they run: the modules reached through static imports
// from the CLI's entry and the search command's chunk in the real esbuild build (its metafile). Big
// dependencies that only some commands need (the llama bindings, the parsers, OCR, zod's schemas) must stay
// behind dynamic imports: each one loaded at start costs every command tens of milliseconds
// (docs/benchmarks.md, "Start-up").
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles, OUT_DIR } from '../../../scripts/build/bundles.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Loaded only by the commands and files that use them. */
const LOADED_ON_USE = [
  'node_modules/zod/', 'node-llama-cpp', 'pdfjs-dist', 'mammoth', 'exceljs', 'tesseract.js', 'mailparser', 'chokidar', '@modelcontextprotocol/sdk', 'node_modules/pg/',
  // The engine's indexing side (index/open-index-service.ts): a search indexes nothing.
  'node_modules/ignore/', 'electron/core/index/indexer.ts', 'electron/core/extract/bounded-extractor.ts', 'electron/core/chunk/chunker.ts',
  // Chat models' headers are read by `ask` only.
  'native/llama/gguf-inspect.ts',
];

let outRoot: string;
let metafile: Metafile;
beforeAll(async () => {
  outRoot = await mkdtemp(join(tmpdir(), 'trove-start-up-modules-'));
  metafile = await buildBundles(ROOT, outRoot);
});
afterAll(async () => {
  await rm(outRoot, { recursive: true, force: true });
});

/** Inputs and external packages reached from `outputs` through static imports only (what loads before they run). */
function staticallyLoaded(outputs: readonly string[]): string[] {
  const seen = new Set<string>();
  const loaded = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    const meta = metafile.outputs[output];
    if (!meta) return;
    Object.keys(meta.inputs).forEach((input) => loaded.add(input));
    for (const imported of meta.imports) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) loaded.add(imported.path);
      else visit(imported.path);
    }
  };
  outputs.forEach(visit);
  return [...loaded];
}

function outputOf(entryPoint: string): string {
  const found = Object.entries(metafile.outputs).find(([name, meta]) => meta.entryPoint === entryPoint && name.endsWith('.mjs'));
  if (!found) throw new Error(`no output for ${entryPoint}`);
  return found[0];
}

describe('modules loaded at start', () => {
  it('trove search loads none of the big dependencies other commands need', () => {
    const loaded = staticallyLoaded([outputOf('electron/cli/main.ts'), outputOf('electron/cli/commands/search.ts')]);
    expect(loaded.some((input) => input.startsWith('electron/core/search/'))).toBe(true);
    expect(loaded.filter((input) => LOADED_ON_USE.some((name) => input.includes(name)))).toEqual([]);
  });

  it('the check sees a dependency a command loads at start (trove mcp: the MCP SDK)', () => {
    const loaded = staticallyLoaded([outputOf('electron/cli/commands/mcp.ts')]);
    expect(loaded.filter((input) => input.includes('@modelcontextprotocol/sdk')).length).toBeGreaterThan(0);
  });

  it('builds into the test folder', () => {
    expect(Object.keys(metafile.outputs).every((name) => name.includes(OUT_DIR))).toBe(true);
  });
});
