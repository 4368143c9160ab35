/**
 * Comparing two configurations with the generated chat model and two generated adapters: the same sources,
 * two different streamed answers, each recorded with its own answerId; an adapter that does not fit fails in
 * one line before anything is answered or written.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/core/engine.ts';
import { ModelError } from '../../electron/core/errors.ts';
import { parseCompareConfiguration } from '../../electron/core/feedback/compare-configuration.ts';
import { LlamaGenerator } from '../../electron/core/models/llama-generator.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';
import { writeFiles } from '../helpers/sample-folder.ts';
import { writeSecondAdapter } from '../helpers/second-adapter.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let models: TestModelPaths;
let generator: LlamaGenerator;
let loraB: string;

beforeAll(async () => {
  models = await ensureTestModels();
  await getLlamaRuntime({ threads: 1 });
  generator = await LlamaGenerator.load(models.model, { contextSize: 512 });
});
afterAll(async () => {
  await generator?.dispose();
  await disposeLlamaRuntime();
});

async function engineWithNotes(): Promise<Engine> {
  const folder = await tempDir();
  loraB = await writeSecondAdapter(await tempDir());
  await writeFiles(folder, {
    'vacation.md': '# Vacation\n\nStaff get twenty days of paid leave each year.\n',
    'expenses.md': '# Expenses\n\nReceipts for travel expenses are due within thirty days.\n',
  });
  const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), generator });
  await engine.index([folder]);
  return engine;
}

describe('engine.compare', () => {
  it('answers with adapter A and adapter B over the same sources, streamed, each with its own answerId', async () => {
    const engine = await engineWithNotes();
    const streamed: [string[], string[]] = [[], []];
    const [a, b] = await engine.compare(
      'how many days of paid leave do staff get',
      [parseCompareConfiguration(`adapter=${models.lora}@1`), parseCompareConfiguration(`adapter=${loraB}@1`)],
      { mode: 'bm25', maxAnswerTokens: 24 },
      [{ onToken: (t) => streamed[0].push(t) }, { onToken: (t) => streamed[1].push(t) }],
    );
    expect(a.configuration).toBe(`adapter=${models.lora}@1`);
    expect(a.result.kind).toBe('generated');
    expect(b.result.kind).toBe('generated');
    expect(a.result.adapters).toEqual([{ path: models.lora, scale: 1 }]);
    expect(b.result.adapters).toEqual([{ path: loraB, scale: 1 }]);
    // The same sources, word for word; different answers.
    expect(b.result.sources.map((s) => [s.chunkId, s.textSha256])).toEqual(a.result.sources.map((s) => [s.chunkId, s.textSha256]));
    expect(a.result.sources.length).toBeGreaterThan(0);
    expect(a.result.answer).not.toBe(b.result.answer);
    expect(streamed[0].join('').trim()).toBe(a.result.answer);
    expect(streamed[1].join('').trim()).toBe(b.result.answer);
    // Both recorded, with their configuration; the engine's own generator keeps its adapters (none).
    expect(a.result.answerId).not.toBe(b.result.answerId);
    const storedB = await engine.feedback.answer(b.result.answerId as number);
    expect(storedB?.configuration).toEqual({ model: 'tiny-llama.gguf', adapters: [{ path: loraB, scale: 1 }] });
    expect(generator.adapters).toEqual([]);

    // `none` is the chat model without adapters: the answer a plain ask gives.
    const [none] = await engine.compare('how many days of paid leave do staff get', [parseCompareConfiguration('none'), parseCompareConfiguration(`adapter=${models.lora}@0.5`)], { mode: 'bm25', maxAnswerTokens: 24 });
    const plain = await engine.ask('how many days of paid leave do staff get', { mode: 'bm25', maxAnswerTokens: 24 });
    expect(none.result.answer).toBe(plain.answer);
    engine.store.dispose();
  });

  it('refuses an adapter that does not fit the model in one line, before anything is answered or written', async () => {
    const engine = await engineWithNotes();
    const streamed: string[] = [];
    const error = await engine
      .compare(
        'how many days of paid leave do staff get',
        [parseCompareConfiguration(`adapter=${models.lora}`), parseCompareConfiguration(`adapter=${models.loraMismatch}`)],
        { mode: 'bm25' },
        [{ onToken: (t) => streamed.push(t) }, { onToken: (t) => streamed.push(t) }],
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'ADAPTER_MISMATCH', modelPath: models.loraMismatch });
    expect((error as Error).message).not.toContain('\n');
    expect(streamed).toEqual([]);
    expect(engine.store.audit.count()).toBe(0);
    expect(await engine.feedback.answer(1)).toBeUndefined();
    engine.store.dispose();
  });
});
