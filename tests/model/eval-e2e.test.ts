// The evaluation harness end to end, so it cannot silently break: a small generated BEIR dataset and a Trove
// .jsonl dataset, run through the real `trove eval` command with the generated tiny embedding model.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTestModels } from '../../scripts/generate-test-models.ts';
import { runCli } from '../helpers/run-cli.ts';
import { writeFiles } from '../helpers/sample-folder.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let modelPath: string;
let loraPath: string;
let rerankerPath: string;
beforeAll(async () => {
  ({ model: modelPath, lora: loraPath, reranker: rerankerPath } = await ensureTestModels());
});

const TOPICS = ['glacier', 'volcano', 'coral', 'desert', 'tundra', 'monsoon', 'canyon', 'delta', 'savanna', 'fjord', 'atoll', 'steppe'];

/** Each document is about one topic word; each query names its topic, so BM25 must find the right document. */
async function writeBeirDataset(dir: string, topics: readonly string[] = TOPICS): Promise<void> {
  const corpus = topics.map((topic, i) => JSON.stringify({ _id: `doc${i}`, title: `Field notes ${i}`, text: `The ${topic} survey recorded ${topic} conditions and ${topics[(i + 1) % topics.length]} contrasts.` }));
  const queries = topics.map((topic, i) => JSON.stringify({ _id: `q${i}`, text: `what was found about the ${topic}` }));
  const qrels = ['query-id\tcorpus-id\tscore', ...topics.map((_, i) => `q${i}\tdoc${i}\t1`)];
  await writeFiles(dir, { 'corpus.jsonl': corpus.join('\n'), 'queries.jsonl': queries.join('\n'), 'qrels/test.tsv': qrels.join('\n') });
}

/** The mean of one metric over a mode's per-question results. */
function meanOf(questions: readonly { metrics: Record<string, number> }[], metric: string): number {
  return questions.reduce((sum, question) => sum + (question.metrics[metric] ?? 0), 0) / questions.length;
}

describe('trove eval', () => {
  it('scores a BEIR dataset in every mode, compares two chunk sizes, and writes an HTML report', async () => {
    const dataset = await tempDir();
    await writeBeirDataset(dataset);
    const report = join(await tempDir(), 'report.html');
    const result = await runCli([
      'eval', dataset, '--mode', 'bm25,vector,hybrid', '--embed-model', modelPath, '--threads', '1',
      '--variant', 'default', '--variant', 'tiny-chunks:chunk=16,overlap=0', '--json', '--report', report,
      '--data-dir', await tempDir(),
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json.modes).sort()).toEqual(['bm25', 'hybrid', 'vector']);
    // Each query names its document's distinctive topic word: BM25 must rank it first nearly always.
    expect(json.modes.bm25['ndcg@10']).toBeGreaterThan(0.9);
    expect(json.modes.bm25['mrr@10']).toBeGreaterThan(0.9);
    // The random-weight embedding model ranks arbitrarily, so vector and hybrid scores are whatever their
    // questions score: each reported figure must be the mean of its questions' own.
    for (const mode of ['vector', 'hybrid']) {
      for (const metric of ['ndcg@10', 'recall@100', 'mrr@10']) expect(json.modes[mode][metric]).toBeCloseTo(meanOf(json.variants[0].modes[mode].questions, metric), 10);
    }
    // With only 12 documents, recall@100 is 1 in every mode.
    expect(json.modes.vector['recall@100']).toBe(1);
    expect(json.variants).toHaveLength(2);
    expect(json.variants[0].modes.bm25.questions).toHaveLength(TOPICS.length);
    expect(json.comparisons.map((c: { variant: string; mode: string }) => `${c.variant}/${c.mode}`).sort()).toEqual(['tiny-chunks/bm25', 'tiny-chunks/hybrid', 'tiny-chunks/vector']);
    const html = await readFile(report, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Variant: tiny-chunks');
    expect(html).toContain('what was found about the glacier');
  });

  it('scores a Trove .jsonl dataset against the user index, and counts unanswerable questions out of retrieval', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, {
      'policies/vacation.md': '# Vacation\n\nStaff get twenty days of paid leave.\n',
      'policies/expenses.md': '# Expenses\n\nReceipts are due within thirty days.\n',
    });
    expect((await runCli(['index', folder, '--data-dir', dataDir])).code).toBe(0);
    const datasetFile = join(folder, 'eval.jsonl');
    await writeFile(
      datasetFile,
      [
        { question: 'how many days of paid leave', expected: ['policies/vacation.md:3'] },
        { question: 'when are receipts due', expected: ['policies/expenses.md'] },
        { question: 'what is the capital of Peru', expected: [], answerable: false },
      ].map((row) => JSON.stringify(row)).join('\n'),
    );
    const result = await runCli(['eval', datasetFile, '--mode', 'bm25', '--json', '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.dataset).toMatchObject({ kind: 'trove', questions: 3 });
    expect(json.modes.bm25['mrr@10']).toBe(1);
    expect(json.variants[0].modes.bm25.questions).toHaveLength(2);
  });
});

describe('trove eval with the generated reranker', () => {
  it('runs hybrid+rerank with the real model: metrics present, each ranking a permutation of the hybrid candidates', async () => {
    const dataset = await tempDir();
    // Fewer documents than the 10 ids a question reports, so `top` lists every candidate in both modes.
    const topics = TOPICS.slice(0, 6);
    await writeBeirDataset(dataset, topics);
    const result = await runCli([
      'eval', dataset, '--mode', 'hybrid,hybrid+rerank', '--embed-model', modelPath, '--reranker', rerankerPath,
      '--threads', '1', '--json', '--data-dir', await tempDir(),
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    const [variant] = json.variants;
    expect(variant.skipped).toEqual([]);
    expect(variant.config.reranker).toBe(rerankerPath);
    for (const metric of ['ndcg@10', 'recall@10', 'recall@100', 'mrr@10']) {
      expect(json.modes['hybrid+rerank'][metric]).toBeCloseTo(meanOf(variant.modes['hybrid+rerank'].questions, metric), 10);
    }
    // Every candidate is ranked, so each question's one relevant document is among its 10: recall@10 is 1.
    expect(json.modes['hybrid+rerank']['recall@10']).toBe(1);
    type Question = { id: string; top: string[] };
    const hybrid: Question[] = variant.modes.hybrid.questions;
    const reranked: Question[] = variant.modes['hybrid+rerank'].questions;
    expect(reranked.map((q) => q.id)).toEqual(hybrid.map((q) => q.id));
    expect(hybrid).toHaveLength(topics.length);
    for (const [i, question] of reranked.entries()) {
      expect(question.top).toHaveLength(topics.length);
      expect([...question.top].sort()).toEqual([...(hybrid[i]?.top ?? [])].sort());
    }
    // The reranker really re-scored: its random weights order some question differently from hybrid.
    expect(reranked.some((q, i) => q.top.join() !== hybrid[i]?.top.join())).toBe(true);
  });
});

describe('trove eval with a chat model', () => {
  it('measures answers, compares adapter on and off, and reports a reranker mode it cannot run', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, {
      'vacation.md': '# Vacation\n\nStaff get twenty days of paid leave each year.\n',
      'expenses.md': '# Expenses\n\nReceipts for travel expenses are due within thirty days.\n',
    });
    expect((await runCli(['index', folder, '--data-dir', dataDir])).code).toBe(0);
    const datasetFile = join(folder, 'eval.jsonl');
    await writeFile(
      datasetFile,
      [
        { question: 'how many days of paid leave do staff get', expected: ['vacation.md'], answer: 'twenty days' },
        { question: 'when are travel expense receipts due', expected: ['expenses.md'], answer: 'within thirty days' },
        { question: 'what is the capital of Peru', expected: [], answerable: false, answer: 'not covered' },
      ].map((row) => JSON.stringify(row)).join('\n'),
    );
    const result = await runCli([
      'eval', datasetFile, '--mode', 'bm25,hybrid+rerank', '--model', modelPath, '--threads', '1', '--max-tokens', '24',
      '--variant', 'base', '--variant', `lora:adapter=${loraPath}:1`, '--json', '--data-dir', dataDir,
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    // The question the documents do not cover is declined without asking the model.
    expect(json.answers.correctlyDeclined).toBe(1);
    expect(json.answers.model).toContain('tiny-llama');
    expect(json.answers.latencyMs.total.p50).toBeGreaterThan(0);
    const [base, lora] = json.variants;
    expect(base.answers.adapters).toEqual([]);
    expect(lora.answers.adapters).toEqual([{ path: loraPath, scale: 1 }]);
    expect(base.answers.questions.map((q: { kind: string }) => q.kind)).toEqual(['generated', 'generated', 'abstained']);
    // Both answerable questions were answered (the random model's text aside), so none was wrongly declined.
    expect(json.answers.wronglyDeclined).toBe(0);
    expect(json.answerComparisons[0].metrics.decisionCorrect.difference).toBe(0);
    expect(base.skipped).toEqual([{ mode: 'hybrid+rerank', reason: expect.stringMatching(/No reranker configured/) }]);
  });
});
