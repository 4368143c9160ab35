/**
 * Indexing a documentation folder of ~1,200 HTML pages with no model configured, next to a baseline measured
 * in the same run: reading and hashing every file (the I/O any indexer pays). Also the re-index of an
 * unchanged folder and BM25 search latency over the result.
 *
 * Corpus: TROVE_BENCH_HTML_DIR, else Debian's PostgreSQL manual (`apt-get install postgresql-doc-15`), else
 * 1,200 generated pages.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Engine } from '../../electron/core/engine.ts';
import { openEngine } from '../../electron/core/open-engine.ts';
import { walkFolder } from '../../electron/core/index/walk-folder.ts';
import { median, percentile, timeMs } from './stats.ts';

export const POSTGRES_DOCS = '/usr/share/doc/postgresql-doc-15/html';
const RUNS = 3;
/** Plain-language questions about the PostgreSQL manual, each with the pages that answer it. */
const JUDGED_QUERIES: readonly { query: string; pages: readonly string[] }[] = [
  { query: 'create an index without locking the table', pages: ['sql-createindex.html'] },
  { query: 'change the password of a user', pages: ['sql-alterrole.html', 'sql-alteruser.html', 'auth-password.html'] },
  { query: 'what does vacuum do', pages: ['sql-vacuum.html', 'routine-vacuuming.html'] },
  { query: 'make a backup of a database', pages: ['backup.html', 'backup-dump.html', 'app-pgdump.html', 'app-pgbasebackup.html'] },
  { query: 'date formatting functions', pages: ['functions-formatting.html'] },
  { query: 'maximum number of connections', pages: ['runtime-config-connection.html'] },
  { query: 'foreign key constraint', pages: ['ddl-constraints.html', 'sql-createtable.html'] },
  { query: 'full text search ranking', pages: ['textsearch-controls.html'] },
  { query: 'window functions', pages: ['functions-window.html', 'tutorial-window.html'] },
  { query: 'replication slots', pages: ['warm-standby.html', 'view-pg-replication-slots.html', 'logicaldecoding-explanation.html'] },
];

export interface HtmlIndexBenchResult {
  readonly corpus: string;
  readonly files: number;
  readonly megabytes: number;
  readonly baselineReadHashMs: number;
  readonly indexMs: number;
  readonly reindexUnchangedMs: number;
  readonly chunks: number;
  readonly searchP50Ms: number;
  readonly searchP95Ms: number;
  /** Share of judged questions whose answering page is among the top 5 results (PostgreSQL manual only). */
  readonly hitAt5?: number;
}

export async function benchIndexHtml(): Promise<HtmlIndexBenchResult> {
  const corpus = process.env.TROVE_BENCH_HTML_DIR ?? (existsSync(POSTGRES_DOCS) ? POSTGRES_DOCS : await generatePages(1200));
  const files = await walkFolder(corpus);
  const bytes = files.reduce((sum, file) => sum + file.size, 0);

  const baseline: number[] = [];
  const index: number[] = [];
  const reindex: number[] = [];
  const search: number[] = [];
  let chunks = 0;
  let hitAt5: number | undefined;
  for (let run = 0; run < RUNS; run++) {
    baseline.push(await timeMs(async () => {
      for (const file of files) createHash('sha256').update(await readFile(file.path)).digest('hex');
    }));
    const dataDir = await mkdtemp(join(tmpdir(), 'trove-bench-'));
    const engine = await openEngine({ dataDir });
    index.push(await timeMs(() => engine.index([corpus])));
    reindex.push(await timeMs(() => engine.index([corpus])));
    chunks = engine.status().counts.chunks;
    for (const { query } of JUDGED_QUERIES) search.push(await timeMs(() => engine.search(query, { mode: 'bm25', k: 10 })));
    if (corpus === POSTGRES_DOCS) hitAt5 = await judgedHitRate(engine);
    await engine.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
  return {
    corpus,
    files: files.length,
    megabytes: bytes / 2 ** 20,
    baselineReadHashMs: median(baseline),
    indexMs: median(index),
    reindexUnchangedMs: median(reindex),
    chunks,
    searchP50Ms: percentile(search, 50),
    searchP95Ms: percentile(search, 95),
    hitAt5,
  };
}

async function judgedHitRate(engine: Engine): Promise<number> {
  let hits = 0;
  for (const { query, pages } of JUDGED_QUERIES) {
    const { results } = await engine.search(query, { mode: 'bm25', k: 5 });
    if (results.some((hit) => pages.includes(basename(hit.path)))) hits += 1;
  }
  return hits / JUDGED_QUERIES.length;
}

async function generatePages(count: number): Promise<string> {
  const dir = join(tmpdir(), `trove-bench-html-${count}`);
  await mkdir(dir, { recursive: true });
  const words = 'table index query server backup replication vacuum function trigger schema role password'.split(' ');
  for (let i = 0; i < count; i++) {
    const body = Array.from({ length: 30 }, (_, p) => `<p>${Array.from({ length: 60 }, (_, w) => words[(i * 7 + p * 3 + w) % words.length]).join(' ')}.</p>`).join('\n');
    await writeFile(join(dir, `page-${i}.html`), `<html><head><title>Page ${i}</title></head><body><nav>Home</nav><main><h1>Topic ${i}</h1>\n${body}</main></body></html>`);
  }
  return dir;
}
