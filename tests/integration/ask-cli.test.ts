import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';
import { runCli } from '../helpers/run-cli.ts';
import { SAMPLE_FILES, writeFiles } from '../helpers/sample-folder.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let models: TestModelPaths;
beforeAll(async () => {
  models = await ensureTestModels();
});

const QUESTION = 'How many vacation days do employees get?';

async function indexedDataDir(): Promise<{ dataDir: string; folder: string }> {
  const folder = await tempDir();
  await writeFiles(folder, SAMPLE_FILES);
  const dataDir = await tempDir();
  const indexed = await runCli(['--data-dir', dataDir, 'index', folder]);
  expect(indexed.code).toBe(0);
  return { dataDir, folder };
}

describe('trove ask', () => {
  it('answers as JSON with the documented fields, the same at temperature 0, and remembers the model', async () => {
    const { dataDir, folder } = await indexedDataDir();
    const ask = (...extra: string[]) => runCli(['--data-dir', dataDir, 'ask', QUESTION, '--json', '--threads', '1', '--max-tokens', '16', '--temperature', '0', ...extra]);
    const first = await ask('--model', models.model);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const json = JSON.parse(first.stdout);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['answer', 'citations', 'model', 'adapters', 'retrieval', 'timings']));
    expect(json).toMatchObject({ kind: 'generated', model: 'tiny-llama.gguf', adapters: [], retrieval: { mode: 'bm25', k: 8 } });
    expect(Object.keys(json.timings).sort()).toEqual(['firstTokenMs', 'promptTokens', 'retrieveMs', 'tokensPerSecond']);
    expect(json.timings.promptTokens).toBeGreaterThan(0);
    for (const citation of json.citations) expect(citation.path.startsWith(folder)).toBe(true);
    // No --model this time: the remembered one answers, identically.
    const second = JSON.parse((await ask()).stdout);
    expect(second.model).toBe('tiny-llama.gguf');
    expect(second.answer).toBe(json.answer);
    // The adapter changes the answer and is reported with its scale.
    const adapted = JSON.parse((await ask('--adapter', `${models.lora}:1`)).stdout);
    expect(adapted.adapters).toEqual([{ path: models.lora, scale: 1 }]);
    expect(adapted.answer).not.toBe(json.answer);
  });

  it('without a chat model prints the best passages with citations and how to add a model', async () => {
    const { dataDir, folder } = await indexedDataDir();
    const result = await runCli(['--data-dir', dataDir, 'ask', QUESTION]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`[1] ${join(folder, 'handbook/vacation.md')}:`);
    // The question's words are marked; not on a terminal, the Markdown stays as it is.
    expect(result.stdout).toContain('twenty **days** of paid **vacation**');
    expect(result.stderr).toMatch(/No chat model configured.*trove ask --model <file\.gguf>/);
  });

  it('says the documents do not cover an unrelated question; --no-retrieval labels a model-only answer', async () => {
    const { dataDir } = await indexedDataDir();
    const uncovered = await runCli(['--data-dir', dataDir, 'ask', 'How do I bake sourdough bread?', '--model', models.model, '--threads', '1']);
    expect(uncovered.code).toBe(0);
    expect(uncovered.stdout.trim()).toBe('The indexed documents do not cover this question.');
    const alone = await runCli(['--data-dir', dataDir, 'ask', 'What is BM25?', '--no-retrieval', '--max-tokens', '8', '--threads', '1', '--json']);
    expect(alone.code).toBe(0);
    expect(JSON.parse(alone.stdout)).toMatchObject({ kind: 'ungrounded', retrieval: { mode: 'none', k: 0 }, citations: [], model: 'tiny-llama.gguf' });
  });

  it('rejects a mismatched adapter with one line naming the adapter and the model', async () => {
    const { dataDir } = await indexedDataDir();
    const result = await runCli(['--data-dir', dataDir, 'ask', QUESTION, '--model', models.model, '--adapter', models.loraMismatch, '--threads', '1']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'trove: LoRA adapter tiny-llama-lora-mismatch.gguf does not fit model tiny-llama.gguf: blk.0.attn_q.weight is [64, 64] in the model but the adapter expects [96, 96].\n' +
        '  Use an adapter trained for this base model.\n',
    );
  });
});
