// The hostile corpus (tests/helpers/hostile-corpus.ts) at test size, indexed in-process on a real SQLite file:
// the run completes, every bad file is recorded with its expected code and a one-line reason, every good file
// beside them is searchable, and races on files being read are settled deterministically (raceReader).
// Test sizes (the benchmark, scripts/bench/hostile.ts, runs the full ones): the folder size limit is lowered to
// 12 MiB so that a 60 MB file is over it and a 12 MiB one just under it goes through the worker without making
// the test slow; 2,000 tiny files instead of 20,000; a 3 s time limit against a ~10 s page bomb.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { raceReader, writeHostileCorpus } from '../../helpers/hostile-corpus.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const SIZE_LIMIT = 12 * 2 ** 20;

const HOSTILE_CORPUS_TIMEOUT_MS = 180_000;

describe('the hostile corpus', () => {
  // The whole hostile corpus, indexed for real: ~50 s on a quiet 2-core machine, so the suite's 60 s default is
  // no margin once anything else runs.
  it('indexes to completion: bad files recorded with their codes, good files searchable', { timeout: HOSTILE_CORPUS_TIMEOUT_MS }, async () => {
    const root = await tempDir();
    const corpus = await writeHostileCorpus(root, {
      tinyFiles: 2000,
      sizeLimitBytes: SIZE_LIMIT,
      overLimitBytes: 60_000_000,
      longLineBytes: 10_000_000,
      binaryFiles: 3,
      pageBombPages: 2000,
      unreadable: false, // as root every file is readable: the CLI test runs that one as `nobody`
      races: true,
      hostile: true,
    });
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), readFile: raceReader(root), extractLimits: { timeoutMs: 3000 } });
    await engine.addFolders([root]);
    engine.updateFolderSettings(root, { maxFileBytes: SIZE_LIMIT });

    const [summary] = await engine.index([root]);
    const status = engine.status();
    expect(status.queue).toEqual({ pending: 0, failed: [] });
    expect(new Map(status.problems.map((problem) => [problem.path, problem.code]))).toEqual(corpus.expected);
    for (const problem of status.problems) expect(problem.message, problem.path).toMatch(/^[^\n]{10,240}$/);
    // Files over the size limit, binaries and files without text are skipped; the rest of the bad ones failed.
    const skipped = [...corpus.expected.values()].filter((code) => ['TOO_LARGE', 'UNSUPPORTED_TYPE', 'NO_TEXT'].includes(code)).length;
    expect(summary).toMatchObject({ indexed: corpus.goodFiles, skipped, failed: corpus.expected.size - skipped });

    for (const { path, word } of corpus.searchable.filter((file, i) => i % 50 === 0 || !file.path.includes('/tiny/'))) {
      const { results } = await engine.search(word, { mode: 'bm25', k: 3 });
      expect(results[0]?.path, word).toBe(path);
    }
    for (const word of corpus.gone) expect((await engine.search(word, { mode: 'bm25' })).results, word).toEqual([]);
    const indexedPaths = engine.store.documents.statesForFolder(engine.store.folders.list()[0]!.id).keys();
    for (const path of indexedPaths) expect(corpus.links.some((link) => path.startsWith(link))).toBe(false);
    await engine.dispose();
  });
});
