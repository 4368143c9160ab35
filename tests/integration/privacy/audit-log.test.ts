/**
 * The audit log: every answer engine.ask gives (CLI and app alike) is recorded locally with the question, model,
 * adapters, the passages given (ids, places, sha256 of the exact text) and the citations; it can be turned off.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAuditEnabled, parseSince, setAuditEnabled } from '../../../electron/core/audit/audit-log.ts';
import { Engine } from '../../../electron/core/engine.ts';
import { TroveError } from '../../../electron/core/errors.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { SAMPLE_FILES, writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { ScriptedGenerator } from '../../unit/answer/fakes.ts';

const tempDir = useTempDirs();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const QUESTION = 'How many vacation days do employees get?';

async function engineWith(generator?: ScriptedGenerator): Promise<Engine> {
  const folder = await tempDir();
  await writeFiles(folder, SAMPLE_FILES);
  const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), generator, clock: { now: () => 1_700_000_000_000 } });
  await engine.index([folder]);
  return engine;
}

describe('audit log (engine)', () => {
  it('records question, model, the exact chunks given (sha256 of their text) and the citations', async () => {
    const engine = await engineWith(new ScriptedGenerator(['Twenty days ', '[1]', ' and more [7].']));
    const result = await engine.ask(QUESTION);
    const [entry, ...rest] = engine.store.audit.list();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      at: 1_700_000_000_000,
      question: QUESTION,
      kind: 'generated',
      model: 'scripted.gguf',
      adapters: [],
      retrieval: result.retrieval,
      citations: [1],
      removedCitations: 1,
      aborted: false,
    });
    expect(entry?.chunks.map((c) => c.chunkId)).toEqual(result.sources.map((s) => s.chunkId));
    for (const chunk of entry?.chunks ?? []) {
      expect(chunk.sha256).toBe(sha256(chunkText(engine, chunk.path, chunk.chunkId)));
    }
    await engine.dispose();
  });

  it('logs extractive and abstained answers too, and nothing once turned off', async () => {
    const engine = await engineWith();
    expect(isAuditEnabled(engine.store.meta)).toBe(true);
    await engine.ask(QUESTION);
    await engine.ask('How do I bake sourdough bread?');
    expect(engine.store.audit.list().map((e) => e.kind)).toEqual(['extractive', 'abstained']);
    setAuditEnabled(engine.store.meta, false);
    await engine.ask(QUESTION);
    expect(engine.store.audit.count()).toBe(2);
    setAuditEnabled(engine.store.meta, true);
    await engine.ask(QUESTION);
    expect(engine.store.audit.count()).toBe(3);
    await engine.dispose();
  });

  it('parses --since as an ISO date or a duration back from now', () => {
    const now = Date.parse('2026-02-10T00:00:00Z');
    expect(parseSince('7d', now)).toBe(Date.parse('2026-02-03T00:00:00Z'));
    expect(parseSince('12h', now)).toBe(now - 12 * 3_600_000);
    expect(parseSince('2w', now)).toBe(now - 14 * 86_400_000);
    expect(parseSince('2026-01-31', now)).toBe(Date.parse('2026-01-31T00:00:00Z'));
    expect(() => parseSince('last tuesday', now)).toThrow(TroveError);
  });
});

function chunkText(engine: Engine, path: string, chunkId: number): string {
  const state = engine.store.documents.stateByPath(path);
  const chunk = state && engine.store.documents.chunksOf(state.id).find((c) => c.id === chunkId);
  if (!chunk) throw new Error(`chunk ${chunkId} of ${path} not found`);
  return chunk.text;
}

describe('trove audit', () => {
  it('exports the log as JSON, filters by --since, and honours off/on', async () => {
    const folder = await tempDir();
    await writeFiles(folder, SAMPLE_FILES);
    const dataDir = await tempDir();
    const trove = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
    expect((await trove('index', folder)).code).toBe(0);
    expect((await trove('ask', QUESTION)).code).toBe(0);

    const exported = JSON.parse((await trove('audit', '--json')).stdout);
    expect(exported.enabled).toBe(true);
    expect(exported.entries).toHaveLength(1);
    expect(exported.entries[0]).toMatchObject({ question: QUESTION, kind: 'extractive', model: null, citations: [1] });
    expect(exported.entries[0].chunks[0]).toMatchObject({ n: 1, path: join(folder, 'handbook/vacation.md'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(new Date(exported.entries[0].at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.parse((await trove('audit', '--json', '--since', '2999-01-01')).stdout).entries).toEqual([]);
    expect(JSON.parse((await trove('audit', '--json', '--since', '1d')).stdout).entries).toHaveLength(1);

    const human = await trove('audit');
    expect(human.stdout).toContain(`question: ${QUESTION}`);
    expect(human.stdout).toMatch(/\[1\]\* .*vacation\.md:\d+-\d+ {2}chunk \d+ {2}sha256 [0-9a-f]{64}/);

    expect((await trove('audit', 'off')).stdout).toMatch(/Audit log off/);
    await trove('ask', QUESTION);
    expect(JSON.parse((await trove('audit', '--json')).stdout)).toMatchObject({ enabled: false, entries: [expect.anything()] });
    await trove('audit', 'on');
    await trove('ask', QUESTION);
    expect(JSON.parse((await trove('audit', '--json')).stdout).entries).toHaveLength(2);

    const bad = await trove('audit', '--since', 'yesterday-ish');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^trove: --since yesterday-ish is not a date/);
  });
});
