/**
 * Indexing speed of the engine in a source tree, for comparing two trees (e.g. before and after the indexing
 * ports, issue 17): N small Markdown files indexed into a fresh SQLite index with the hashing embedder (no model
 * time) and in-process extraction, then the same folder again with nothing changed. Prints JSON (ms).
 * Run: node --import tsx scripts/bench/index-ports.ts <tree root> <files>
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as EngineModule from '../../electron/core/engine.ts';
import type * as ExtractModule from '../../electron/core/extract/index.ts';
import type * as StoreModule from '../../electron/core/store/sqlite/store.ts';
import type * as EmbedderModule from '../../tests/helpers/fake-embedder.ts';

const [root = '.', files = '2000'] = process.argv.slice(2);
const { Engine } = (await import(resolve(root, 'electron/core/engine.ts'))) as typeof EngineModule;
const { Store } = (await import(resolve(root, 'electron/core/store/sqlite/store.ts'))) as typeof StoreModule;
const { extractReadFile } = (await import(resolve(root, 'electron/core/extract/index.ts'))) as typeof ExtractModule;
const { HashingEmbedder } = (await import(resolve(root, 'tests/helpers/fake-embedder.ts'))) as typeof EmbedderModule;

const dir = await mkdtemp(join(tmpdir(), 'trove-bench-ports-'));
try {
  const folder = join(dir, 'docs');
  for (let i = 0; i < Number(files); i++) {
    if (i % 100 === 0) await mkdir(join(folder, `d${i / 100}`), { recursive: true });
    await writeFile(join(folder, `d${Math.floor(i / 100)}`, `f${i}.md`), `# Note ${i}\n\nUnique word w${i}x about topic ${i % 7} and the weekly plan.\n`);
  }
  const engine = new Engine({ store: Store.open(join(dir, 'trove.db')), embedder: new HashingEmbedder(16), extract: extractReadFile });
  let started = performance.now();
  await engine.index([folder]);
  const first = performance.now() - started;
  started = performance.now();
  await engine.index();
  const unchanged = performance.now() - started;
  await engine.dispose();
  process.stdout.write(`${JSON.stringify({ root, files: Number(files), firstMs: Math.round(first), unchangedMs: Math.round(unchanged) })}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
