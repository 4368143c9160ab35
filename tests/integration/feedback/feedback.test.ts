/**
 * Feedback and the fine-tuning export over a real engine (SQLite file, real extraction, extractive answers):
 * answers are recorded as given, feedback survives a restart, the export has the schema, drops duplicates,
 * splits deterministically, keeps redacted secrets redacted, and is written all or nothing.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setAuditEnabled } from '../../../electron/core/audit/audit-log.ts';
import { Engine } from '../../../electron/core/engine.ts';
import { AnswerNotFoundError, ExportError } from '../../../electron/core/errors.ts';
import { alpacaLineSchema, chatJsonlLineSchema } from '../../../electron/core/feedback/training-line.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const AWS = ['AKIA', 'Q4XJ7PLM2ZRT8VWN'].join('');
const FILES = {
  'vacation.md': '# Vacation\n\nEmployees get twenty vacation days per year.\nUnused vacation days expire in March.\n',
  'expenses.md': '# Expenses\n\nTravel expenses are reimbursed within thirty days of the receipt.\n',
  'deploy/settings.txt': `# deployment settings\nAWS_ACCESS_KEY_ID=${AWS}\nREGION=eu-west-1 is the deployment region\n`,
};

async function openEngine(dbFile: string): Promise<Engine> {
  return new Engine({ store: Store.open(dbFile) });
}

async function indexedEngine(options: { redact?: boolean } = {}): Promise<{ engine: Engine; folder: string; dbFile: string }> {
  const folder = await tempDir();
  await writeFiles(folder, FILES);
  const dbFile = join(await tempDir(), 'trove.db');
  const engine = await openEngine(dbFile);
  await engine.addFolders([folder]);
  if (options.redact) engine.updateFolderSettings(folder, { redact: true });
  await engine.index([folder]);
  return { engine, folder, dbFile };
}

function jsonLines(text: string): unknown[] {
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as unknown);
}

describe('feedback on answers', () => {
  it('records every answer as given, and feedback survives closing and reopening the engine', async () => {
    const { engine, folder, dbFile } = await indexedEngine();
    const result = await engine.ask('how many vacation days', { mode: 'bm25' });
    expect(result.kind).toBe('extractive');
    expect(result.answerId).toBeGreaterThan(0);
    const answerId = result.answerId as number;
    await engine.recordFeedback(answerId, 'good');
    await engine.dispose();

    const reopened = await openEngine(dbFile);
    const [stored, ...others] = await reopened.feedback.approved();
    expect(others).toEqual([]);
    expect(stored).toMatchObject({ id: answerId, question: 'how many vacation days', kind: 'extractive', answer: result.answer, feedback: { verdict: 'good', correctedAnswer: null } });
    expect(stored?.configuration).toEqual({ model: null, adapters: [] });
    expect(stored?.folders).toEqual([folder]);
    expect(stored?.citations).toEqual(result.citations.map((c) => c.n));
    expect(stored?.sources.map((s) => s.chunkId)).toEqual(result.citations.map((c) => c.chunkId));
    for (const source of stored?.sources ?? []) {
      expect(source.text).not.toBe('');
      expect(source.sha256).toBe(createHash('sha256').update(source.text).digest('hex'));
    }
    // Marking it again replaces the verdict: a bad answer is no longer approved.
    await reopened.recordFeedback(answerId, 'bad');
    expect(await reopened.feedback.approved()).toEqual([]);
    await reopened.dispose();
  });

  it('records nothing, and gives no answerId, while the audit log is off', async () => {
    const { engine } = await indexedEngine();
    setAuditEnabled(engine.store.meta, false);
    const result = await engine.ask('how many vacation days', { mode: 'bm25' });
    expect(result.kind).toBe('extractive');
    expect(result.answerId).toBeUndefined();
    expect(await engine.feedback.answer(1)).toBeUndefined();
    setAuditEnabled(engine.store.meta, true);
    expect((await engine.ask('how many vacation days', { mode: 'bm25' })).answerId).toBe(1);
    await engine.dispose();
  });

  it('refuses feedback on an unknown answer id with one clear line, and writes nothing', async () => {
    const { engine } = await indexedEngine();
    const error = await engine.recordFeedback(4242, 'good').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswerNotFoundError);
    expect((error as Error).message).toBe('Answer 4242 does not exist in this index.');
    await expect(engine.recordFeedback(Number.NaN, 'good')).rejects.toBeInstanceOf(AnswerNotFoundError);
    const { answerId } = await engine.ask('travel expenses', { mode: 'bm25' });
    await expect(engine.recordFeedback(answerId as number, 'good', '   ')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await engine.feedback.approved()).toEqual([]);
    await engine.dispose();
  });
});

describe('fine-tuning export', () => {
  it('writes approved answers with their sources and citations, once each, split deterministically', async () => {
    const { engine, folder } = await indexedEngine();
    const first = await engine.ask('how many vacation days', { mode: 'bm25' });
    const again = await engine.ask('how many vacation days', { mode: 'bm25' });
    const expenses = await engine.ask('when are travel expenses reimbursed', { mode: 'bm25' });
    const region = await engine.ask('which deployment region', { mode: 'bm25' });
    await engine.recordFeedback(first.answerId as number, 'good');
    await engine.recordFeedback(again.answerId as number, 'good'); // the same prompt and answer: a duplicate
    await engine.recordFeedback(expenses.answerId as number, 'bad', 'Within thirty days of the receipt [1].');
    await engine.recordFeedback(region.answerId as number, 'bad'); // not approved

    const out = join(await tempDir(), 'train.jsonl');
    const summary = await engine.exportFeedback({ out, split: 0.5 });
    expect(summary).toMatchObject({ format: 'chat-jsonl', approved: 3, duplicatesRemoved: 1 });
    expect(summary.train + summary.heldOut).toBe(2);
    expect(summary.heldOut).toBeGreaterThanOrEqual(1);
    expect(summary.perFolder).toEqual({ [folder]: 2 });
    expect(summary.perConfiguration).toEqual({ extractive: 2 });

    const written = [...jsonLines(await readFile(out, 'utf8')), ...jsonLines(await readFile(summary.files.heldOut, 'utf8'))];
    const lines = written.map((line) => chatJsonlLineSchema.parse(line));
    expect(lines.map((l) => l.metadata.answerId).sort()).toEqual([String(again.answerId), String(expenses.answerId)].sort());
    const corrected = lines.find((l) => l.metadata.answerId === String(expenses.answerId));
    expect(corrected?.messages[2].content).toBe('Within thirty days of the receipt [1].');
    expect(corrected?.metadata.corrected).toBe(true);
    const source = expenses.sources[0];
    expect(corrected?.metadata.citations).toEqual([{ n: 1, path: source?.path, startLine: source?.startLine, endLine: source?.endLine, page: null }]);
    // The prompt is the one the model is given: instructions, then the numbered sources as given, then the question.
    expect(corrected?.messages[0].content).toContain('Answer only from the numbered sources');
    expect(corrected?.messages[1].content).toContain(`[1] ${join(folder, 'expenses.md')}:`);
    expect(corrected?.messages[1].content).toContain('Travel expenses are reimbursed within thirty days');
    expect(corrected?.messages[1].content.endsWith('Question: when are travel expenses reimbursed')).toBe(true);

    // The held-out split is also a `trove eval` dataset: question, gold spans from the citations, approved answer.
    const evalRows = jsonLines(await readFile(summary.files.heldOutEval, 'utf8'));
    expect(evalRows).toHaveLength(summary.heldOut);

    // The same approvals give the same files: the split is deterministic.
    const before = await Promise.all([out, summary.files.heldOut, summary.files.heldOutEval].map((f) => readFile(f, 'utf8')));
    const secondOut = join(await tempDir(), 'train.jsonl');
    const second = await engine.exportFeedback({ out: secondOut, split: 0.5 });
    const after = await Promise.all([secondOut, second.files.heldOut, second.files.heldOutEval].map((f) => readFile(f, 'utf8')));
    expect(after).toEqual(before);

    // Alpaca: instruction, input (sources and question), output.
    const alpaca = await engine.exportFeedback({ out: join(await tempDir(), 'alpaca.jsonl'), format: 'alpaca', split: 0 });
    const alpacaLines = jsonLines(await readFile(alpaca.files.train, 'utf8')).map((line) => alpacaLineSchema.parse(line));
    expect(alpacaLines).toHaveLength(2);
    expect(alpaca.heldOut).toBe(0);
    expect(alpacaLines.some((l) => l.output === 'Within thirty days of the receipt [1].' && l.input.includes('Travel expenses are reimbursed'))).toBe(true);
    await engine.dispose();
  });

  it('only exports feedback given since --since', async () => {
    let now = Date.parse('2026-01-10T00:00:00Z');
    const folder = await tempDir();
    await writeFiles(folder, FILES);
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), clock: { now: () => now } });
    await engine.index([folder]);
    const old = await engine.ask('how many vacation days', { mode: 'bm25' });
    await engine.recordFeedback(old.answerId as number, 'good');
    now = Date.parse('2026-02-10T00:00:00Z');
    const recent = await engine.ask('when are travel expenses reimbursed', { mode: 'bm25' });
    await engine.recordFeedback(recent.answerId as number, 'good');
    const summary = await engine.exportFeedback({ out: join(await tempDir(), 'd.jsonl'), split: 0, since: Date.parse('2026-02-01T00:00:00Z') });
    expect(summary).toMatchObject({ approved: 1, train: 1 });
    const [line] = jsonLines(await readFile(summary.files.train, 'utf8')).map((l) => chatJsonlLineSchema.parse(l));
    expect(line?.metadata.answerId).toBe(String(recent.answerId));
    await engine.dispose();
  });

  it('keeps secrets that redaction removed out of the exported sources', async () => {
    const { engine } = await indexedEngine({ redact: true });
    const result = await engine.ask('AWS_ACCESS_KEY_ID deployment region', { mode: 'bm25' });
    await engine.recordFeedback(result.answerId as number, 'good');
    const summary = await engine.exportFeedback({ out: join(await tempDir(), 'd.jsonl'), split: 0 });
    const text = await readFile(summary.files.train, 'utf8');
    expect(summary.train).toBe(1);
    expect(text).toContain('AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key]');
    expect(text).not.toContain(AWS);
    await engine.dispose();
  });

  it('writes nothing when a file cannot be written, and says which in one line', async () => {
    const { engine } = await indexedEngine();
    const result = await engine.ask('how many vacation days', { mode: 'bm25' });
    await engine.recordFeedback(result.answerId as number, 'good');
    // A folder that is a file: nothing can be written into it (as root too, unlike a folder without write permission).
    const notAFolder = join(await tempDir(), 'plain-file');
    await writeFile(notAFolder, 'x');
    const error = await engine.exportFeedback({ out: join(notAFolder, 'd.jsonl') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as Error).message).toBe(`Cannot write ${join(notAFolder, 'd.jsonl')}: its folder does not exist.`);

    // The held-out file's name is taken by a folder: an earlier training file stays as it was, nothing is added.
    const dir = await tempDir();
    await writeFile(join(dir, 'd.jsonl'), 'an earlier export\n');
    await mkdir(join(dir, 'd.heldout.jsonl'));
    await expect(engine.exportFeedback({ out: join(dir, 'd.jsonl') })).rejects.toThrow(`Cannot write ${join(dir, 'd.heldout.jsonl')}: a folder has that name.`);
    expect((await readdir(dir)).sort()).toEqual(['d.heldout.jsonl', 'd.jsonl']);
    expect(await readFile(join(dir, 'd.jsonl'), 'utf8')).toBe('an earlier export\n');
    await engine.dispose();
  });
});
