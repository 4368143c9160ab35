// `trove index` and `trove status` over a small hostile corpus, as a user runs them: the CLI finishes, and the
// status lists every problem grouped by code with what to do said once per group, long groups capped. As root
// (CI containers) every file is readable, so the CLI runs as `nobody` when it can, to meet a real PERMISSION_DENIED.
import { chmod, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { errorAction, type ErrorCode } from '../../../electron/core/errors.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { writeHostileCorpus } from '../../helpers/hostile-corpus.ts';
import { AS_NOBODY, canRunAsNobody, isRoot } from '../../helpers/other-user.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const SIZE_LIMIT = 12 * 2 ** 20;

const HOSTILE_CORPUS_TIMEOUT_MS = 180_000;

describe.skipIf(process.platform === 'win32')('trove status after a hostile run', () => {
  // The whole hostile corpus, indexed for real: ~50 s on a quiet 2-core machine, so the suite's 60 s default is
  // no margin once anything else runs.
  it('lists every bad file under its code, with the action once per code', { timeout: HOSTILE_CORPUS_TIMEOUT_MS }, async () => {
    const root = await tempDir();
    const dataDir = await tempDir();
    const corpus = await writeHostileCorpus(root, {
      tinyFiles: 20, sizeLimitBytes: SIZE_LIMIT, overLimitBytes: 20_000_000, longLineBytes: 1_000_000, binaryFiles: 12,
      pageBombPages: 0, unreadable: !isRoot || canRunAsNobody, races: false, hostile: true,
    });
    // Register the folder with a lowered size limit first (in-process), then let the CLI do all the indexing.
    const engine = new Engine({ store: Store.open(join(dataDir, 'trove.db')) });
    await engine.addFolders([root]);
    engine.updateFolderSettings(root, { maxFileBytes: SIZE_LIMIT });
    await engine.dispose();
    const asUser = canRunAsNobody ? AS_NOBODY : [];
    if (canRunAsNobody) {
      for (const dir of [root, dataDir]) await chmod(dir, 0o777);
      for (const file of await readdir(dataDir)) await chmod(join(dataDir, file), 0o666);
    }
    // The CLI gets the test's own allowance: indexing the corpus took over a minute once CI shared the machine.
    const cli = (args: string[]) => runCli([...args, '--data-dir', dataDir], {}, asUser, HOSTILE_CORPUS_TIMEOUT_MS);

    const indexed = await cli(['index']);
    expect(indexed.code, indexed.stderr).toBe(0);
    const json = JSON.parse((await cli(['status', '--json'])).stdout) as { problems: { path: string; code: ErrorCode; action: string }[] };
    expect(new Map(json.problems.map((problem) => [problem.path, problem.code]))).toEqual(corpus.expected);
    expect(json.problems.every((problem) => problem.action === errorAction(problem.code))).toBe(true);

    const human = await cli(['status']);
    expect(human.code).toBe(0);
    const codes = new Set(corpus.expected.values());
    for (const code of codes) {
      const count = [...corpus.expected.values()].filter((c) => c === code).length;
      expect(human.stdout).toContain(`  ${code}, ${count} ${count === 1 ? 'file' : 'files'}: ${errorAction(code)}`);
      expect(human.stdout.split(errorAction(code)).length - 1, code).toBe(1);
    }
    // Ten files per code are named with their reason; the rest of a code's files are counted and pointed to --json.
    const listed = [...corpus.expected.keys()].filter((path) => human.stdout.includes(`    ${path} — `));
    const perCode = [...codes].map((code) => [...corpus.expected.values()].filter((c) => c === code).length);
    expect(listed).toHaveLength(perCode.reduce((sum, count) => sum + Math.min(count, 10), 0));
    for (const count of perCode.filter((n) => n > 10)) expect(human.stdout).toContain(`    …and ${count - 10} more (trove status --json)`);
    expect(perCode.some((n) => n > 10)).toBe(true);
    if (canRunAsNobody || !isRoot) expect(human.stdout).toMatch(/secret\.md — No permission to read the file/);

    const search = JSON.parse((await cli(['search', 'greekwordq', '--json'])).stdout) as { results: { path: string }[] };
    expect(search.results[0]?.path).toBe(join(root, 'names/Ελληνικές σημειώσεις.md'));
  });
});
