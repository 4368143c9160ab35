/**
 * Feedback from the command line with the generated chat model, end to end: `trove ask --json` gives an
 * answerId, `trove feedback` marks it, `trove feedback export` writes the dataset and its held-out split, and
 * `trove eval` runs the held-out split with the same model; `trove ask --compare` answers twice over the same
 * sources. Bad input (unknown id, unwritable destination, misfit adapter) is one line each, nothing written.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chatJsonlLineSchema } from '../../electron/core/feedback/training-line.ts';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';
import { runCli } from '../helpers/run-cli.ts';
import { writeFiles } from '../helpers/sample-folder.ts';
import { writeSecondAdapter } from '../helpers/second-adapter.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let models: TestModelPaths;
beforeAll(async () => {
  models = await ensureTestModels();
});

const QUESTIONS = ['how many days of paid leave do staff get', 'when are travel expense receipts due', 'where is the office kitchen'];

async function indexedDataDir(): Promise<{ dataDir: string; folder: string }> {
  const folder = await tempDir();
  const dataDir = await tempDir();
  await writeFiles(folder, {
    'vacation.md': '# Vacation\n\nStaff get twenty days of paid leave each year.\n',
    'expenses.md': '# Expenses\n\nReceipts for travel expenses are due within thirty days.\n',
    'office.md': '# Office\n\nThe office kitchen is on the second floor next to the stairs.\n',
  });
  expect((await runCli(['index', folder, '--data-dir', dataDir])).code).toBe(0);
  return { dataDir, folder };
}

function oneLineError(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  // The message and the action: two lines, as every trove error.
  expect(stderr.trim().split('\n')).toHaveLength(2);
}

describe('trove feedback with the generated model', () => {
  it('marks answers from ask --json, exports them, and evaluates the held-out split with the same model', async () => {
    const { dataDir } = await indexedDataDir();
    const model = ['--model', models.model, '--mode', 'bm25', '--max-tokens', '24', '--threads', '1', '--data-dir', dataDir];
    const answers: { answerId: string; answer: string }[] = [];
    for (const question of QUESTIONS) {
      const asked = await runCli(['ask', question, '--json', ...model]);
      expect(asked.code).toBe(0);
      const json = JSON.parse(asked.stdout);
      expect(json.answerId).toMatch(/^\d+$/);
      answers.push(json);
      expect((await runCli(['feedback', json.answerId, 'good', '--data-dir', dataDir])).code).toBe(0);
    }
    const out = join(await tempDir(), 'approved.jsonl');
    const exported = await runCli(['feedback', 'export', '--split', '0.9', '--out', out, '--json', '--data-dir', dataDir]);
    expect(exported.code).toBe(0);
    const summary = JSON.parse(exported.stdout);
    expect(summary.train + summary.heldOut).toBe(QUESTIONS.length);
    expect(summary.heldOut).toBeGreaterThanOrEqual(1);
    expect(summary.perConfiguration).toEqual({ 'tiny-llama.gguf': QUESTIONS.length });
    for (const line of (await readFile(summary.files.heldOut, 'utf8')).trim().split('\n')) chatJsonlLineSchema.parse(JSON.parse(line));

    // The held-out split is a `trove eval` dataset. Greedy answers with the same model, sources and budget are the
    // approved answers word for word, so every held-out answer overlaps its reference completely.
    const evaluated = await runCli(['eval', summary.files.heldOutEval, '--json', ...model]);
    expect(evaluated.stderr).not.toMatch(/\n\s+at /);
    expect(evaluated.code).toBe(0);
    const json = JSON.parse(evaluated.stdout);
    expect(json.answers.overlapF1).toBe(1);
    const evaluatedQuestions: { question: string; answer: string; scores: { overlapF1: number } }[] = json.variants[0].answers.questions;
    expect(evaluatedQuestions).toHaveLength(summary.heldOut);
    for (const question of evaluatedQuestions) {
      const approved = answers[QUESTIONS.indexOf(question.question)];
      expect(question.answer).toBe(approved?.answer.slice(0, question.answer.length));
      expect(question.scores.overlapF1).toBe(1);
    }
  });

  it('compares two adapters over the same sources, with --json giving both answers and their answerIds', async () => {
    const { dataDir } = await indexedDataDir();
    const loraB = await writeSecondAdapter(await tempDir());
    const result = await runCli([
      'ask', QUESTIONS[0] as string, '--compare', `adapter=${models.lora}`, '--compare', `adapter=${loraB}@1`, '--json',
      '--model', models.model, '--mode', 'bm25', '--max-tokens', '24', '--threads', '1', '--data-dir', dataDir,
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.sources.length).toBeGreaterThan(0);
    expect(json.answers.map((a: { configuration: string }) => a.configuration)).toEqual([`adapter=${models.lora}`, `adapter=${loraB}@1`]);
    expect(json.answers[0].answer).not.toBe(json.answers[1].answer);
    expect(json.answers[0].answerId).not.toBe(json.answers[1].answerId);
    expect(json.answers[1].adapters).toEqual([{ path: loraB, scale: 1 }]);

    const people = await runCli(['ask', QUESTIONS[0] as string, '--compare', 'none', '--compare', `adapter=${models.lora}@0.5`, ...['--model', models.model, '--mode', 'bm25', '--max-tokens', '24', '--threads', '1', '--data-dir', dataDir]]);
    expect(people.code).toBe(0);
    expect(people.stdout).toContain('── none ──');
    expect(people.stdout).toContain(`── adapter=${models.lora}@0.5 ──`);
    expect(people.stdout.match(/answerId: \d+/g)).toHaveLength(2);
  });

  it('says in one line what is wrong with bad input, and writes nothing', async () => {
    const { dataDir } = await indexedDataDir();
    const unknown = await runCli(['feedback', '4242', 'good', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('trove: Answer 4242 does not exist in this index.');
    oneLineError(unknown.stderr);

    const misfit = await runCli([
      'ask', QUESTIONS[0] as string, '--compare', `adapter=${models.lora}`, '--compare', `adapter=${models.loraMismatch}`,
      '--model', models.model, '--mode', 'bm25', '--threads', '1', '--data-dir', dataDir, '--json',
    ]);
    expect(misfit.code).toBe(1);
    expect(misfit.stdout).toBe('');
    expect(misfit.stderr).toContain('trove: LoRA adapter tiny-llama-lora-mismatch.gguf does not fit model tiny-llama.gguf');
    oneLineError(misfit.stderr);
    const audit = JSON.parse((await runCli(['audit', '--json', '--data-dir', dataDir])).stdout);
    expect(audit.entries).toEqual([]);

    // The chat model named above is remembered (it loaded; only the comparison failed).
    const asked = JSON.parse((await runCli(['ask', QUESTIONS[0] as string, '--json', '--mode', 'bm25', '--max-tokens', '24', '--threads', '1', '--data-dir', dataDir])).stdout);
    const correction = join(await tempDir(), 'corrected.txt');
    await writeFile(correction, 'Twenty days a year [1].\n');
    expect((await runCli(['feedback', asked.answerId, 'bad', '--answer-file', correction, '--data-dir', dataDir])).code).toBe(0);
    const notAFolder = join(await tempDir(), 'file');
    await writeFile(notAFolder, 'x');
    const unwritable = await runCli(['feedback', 'export', '--out', join(notAFolder, 'data.jsonl'), '--data-dir', dataDir]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain(`trove: Cannot write ${join(notAFolder, 'data.jsonl')}: its folder does not exist.`);
    oneLineError(unwritable.stderr);
    expect(await readdir(join(notAFolder, '..'))).toEqual(['file']);
  });
});
