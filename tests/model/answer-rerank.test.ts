// Answers with the real generated reranker (scripts/gguf/tiny-reranker.ts): Engine.ask opened by openEngine with
// the tiny chat model, the same file as embedding model and the reranker, then `trove ask --reranker` end to end.
// The reranker's weights are random, so the tests check the mechanics (the sources given to the model are the
// first-stage candidates the reranker scores at or above its threshold, in its order), never relevance.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_COVERED } from '../../electron/core/answer/answer-text.ts';
import { storeThreshold } from '../../electron/core/answer/relevance-thresholds.ts';
import type { AskResult } from '../../electron/core/answer/types.ts';
import { DATABASE_FILE } from '../../electron/core/data-dir.ts';
import type { Engine } from '../../electron/core/engine.ts';
import { CHAT_MODEL_KEY, RERANK_MODEL_KEY } from '../../electron/core/models/llama-generator-open.ts';
import { LlamaReranker } from '../../electron/core/models/llama-reranker.ts';
import { openEngine } from '../../electron/core/open-engine.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';
import { runCli } from '../helpers/run-cli.ts';
import { writeFiles } from '../helpers/sample-folder.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let models: TestModelPaths;
beforeAll(async () => {
  models = await ensureTestModels();
  // Created first, so every model the engine loads runs on one thread.
  await getLlamaRuntime({ threads: 1 });
});
afterAll(async () => {
  await disposeLlamaRuntime();
});

/** Passages per answer: with these short notes, 3 fit the tiny model's 512-token window with room to spare. */
const K = 3;
const MAX_TOKENS = 16;
const QUESTIONS = ['when are expense receipts due', 'who approves expense receipts', 'where do expense receipts go'] as const;

/** Ten short notes about the questions' subject and two about others: more than K, fewer than the rerank depth of 20. */
const NOTES: Record<string, string> = {
  'e1.md': 'Expense receipts are due in thirty days.\n',
  'e2.md': 'The lead approves expense receipts.\n',
  'e3.md': 'Upload expense receipts to the portal.\n',
  'e4.md': 'Lost expense receipts need a statement.\n',
  'e5.md': 'Foreign expense receipts use the monthly rate.\n',
  'e6.md': 'Meal expense receipts list every guest.\n',
  'e7.md': 'Mileage replaces fuel expense receipts.\n',
  'e8.md': 'Finance keeps expense receipts seven years.\n',
  'e9.md': 'Hotel expense receipts show the taxes.\n',
  'e10.md': 'Late expense receipts go to the controller.\n',
  'garden.md': 'Tomatoes need sun, water and a stake.\n',
  'music.md': 'The choir rehearses on Thursday evenings.\n',
};

/** A reranker threshold stored for the tiny reranker, as `trove eval --calibrate` would store one. */
function calibrate(engine: Engine, threshold: number): void {
  storeThreshold(engine.store.meta, 'reranker', 'tiny-reranker.gguf', { threshold, precision: 1, recall: 1, wronglyDeclined: 0, examples: 1 }, 1);
}

function readMeta(dataDir: string, key: string): string | undefined {
  const store = Store.open(join(dataDir, DATABASE_FILE));
  try {
    return store.meta.get(key);
  } finally {
    store.dispose();
  }
}

describe('Engine.ask with the generated reranker', () => {
  it('gives the model the candidates the reranker scores at or above its threshold, in its order, and audits exactly those', async () => {
    const folder = await tempDir();
    await writeFiles(folder, NOTES);
    const engine: Engine = await openEngine({
      dataDir: await tempDir(),
      embedModelPath: models.model,
      threads: 1,
      answerModels: { chatModelPath: models.model, rerankModelPath: models.reranker },
    });
    try {
      expect(engine.ranker).toBeInstanceOf(LlamaReranker);
      expect(engine.ranker?.modelId).toBe('tiny-reranker.gguf');
      const ranker = engine.ranker as LlamaReranker;
      await engine.index([folder]);
      // Threshold 0 keeps every candidate: the sources are the reranked top K.
      calibrate(engine, 0);
      const differs: boolean[] = [];
      const promoted: boolean[] = [];
      const answers: AskResult[] = [];
      for (const question of QUESTIONS) {
        const result = await engine.ask(question, { k: K, mode: 'hybrid', maxAnswerTokens: MAX_TOKENS });
        answers.push(result);
        expect(result.kind).toBe('generated');
        expect(result.model).toBe('tiny-llama.gguf');
        expect(result.retrieval).toEqual({ mode: 'hybrid', k: K, reranker: 'tiny-reranker.gguf' });
        expect(result.notices).toEqual([]);

        // The first stage as the answerer sees it: 20 candidates (all 12 notes here), all judged by the reranker.
        const firstStage = (await engine.search(question, { k: 20, mode: 'hybrid' })).results;
        expect(firstStage).toHaveLength(Object.keys(NOTES).length);
        // Scored directly by the same reranker and sorted stably: the order the answer must follow.
        const scores = await ranker.rank(question, firstStage.map((hit) => hit.text));
        expect(new Set(scores).size).toBe(firstStage.length);
        const expected = firstStage
          .map((hit, index) => ({ chunkId: hit.chunkId, score: scores[index] ?? 0, index }))
          .sort((a, b) => b.score - a.score || a.index - b.index)
          .map((entry) => entry.chunkId);

        // All K fit in the context with room to spare, so the sources are exactly the reranked top K.
        expect(result.timings.promptTokens + MAX_TOKENS).toBeLessThan(512 - 40);
        const sources = result.sources.map((s) => s.chunkId);
        expect(sources).toEqual(expected.slice(0, K));
        expect(result.sources.map((s) => s.n)).toEqual([1, 2, 3]);
        expect(result.citations.every((c) => result.sources.some((s) => s.n === c.n && s.chunkId === c.chunkId))).toBe(true);
        const unreranked = firstStage.slice(0, K).map((hit) => hit.chunkId);
        differs.push(sources.join() !== unreranked.join());
        // The reranker looks deeper than k: a passage the first stage ranked below K can reach the model.
        promoted.push(sources.some((id) => !unreranked.includes(id)));

        // The audit log records the passages given, in the order given, with the hashes of their text.
        const entry = engine.store.audit.list().at(-1);
        expect(entry).toMatchObject({ question, kind: 'generated', model: 'tiny-llama.gguf', retrieval: { mode: 'hybrid', k: K, reranker: 'tiny-reranker.gguf' } });
        expect(entry?.chunks.map((c) => c.chunkId)).toEqual(sources);
        expect(entry?.chunks.map((c) => c.sha256)).toEqual(result.sources.map((s) => s.textSha256));
      }
      // Random weights: for some question the reranker's order is not the first stage's, and it promotes a passage.
      expect(differs).toContain(true);
      expect(promoted).toContain(true);
      // Deterministic: the same question again gives the same sources and the same (greedy) answer.
      const again = await engine.ask(QUESTIONS[0], { k: K, mode: 'hybrid', maxAnswerTokens: MAX_TOKENS });
      expect(again.sources).toEqual(answers[0]?.sources);
      expect(again.answer).toBe(answers[0]?.answer);

      // The stored threshold decides: between the two best scores only the best passage is given; above every
      // score Trove declines without calling the model.
      const candidates = (await engine.search(QUESTIONS[0], { k: 20, mode: 'hybrid' })).results;
      const ranked = (await ranker.rank(QUESTIONS[0], candidates.map((hit) => hit.text)))
        .map((score, index) => ({ score, chunkId: candidates[index]?.chunkId }))
        .sort((a, b) => b.score - a.score);
      const [best, second] = ranked as [{ score: number; chunkId: number }, { score: number }];
      calibrate(engine, (best.score + second.score) / 2);
      const one = await engine.ask(QUESTIONS[0], { k: K, mode: 'hybrid', maxAnswerTokens: MAX_TOKENS });
      expect(one.sources.map((s) => s.chunkId)).toEqual([best.chunkId]);
      calibrate(engine, (best.score + 1) / 2);
      const declined = await engine.ask(QUESTIONS[0], { k: K, mode: 'hybrid', maxAnswerTokens: MAX_TOKENS });
      expect(declined).toMatchObject({ kind: 'abstained', answer: NOT_COVERED, sources: [], citations: [], timings: { promptTokens: 0 } });
    } finally {
      await engine.dispose();
    }
  });
});

/** The documented `trove ask --json` fields (README). */
const JSON_KEYS = ['aborted', 'adapters', 'answer', 'answerId', 'citations', 'conversation', 'kind', 'model', 'notices', 'query', 'removedCitations', 'retrieval', 'timings'];

describe('trove ask --reranker', () => {
  async function indexedDataDir(): Promise<{ dataDir: string; folder: string }> {
    const folder = await tempDir();
    await writeFiles(folder, NOTES);
    const dataDir = await tempDir();
    const indexed = await runCli(['--data-dir', dataDir, 'index', folder, '--embed-model', models.model, '--threads', '1']);
    expect(indexed.code).toBe(0);
    return { dataDir, folder };
  }

  it('answers as JSON with the documented fields, and remembers the reranker', async () => {
    const { dataDir, folder } = await indexedDataDir();
    const ask = (...extra: string[]) =>
      runCli(['--data-dir', dataDir, 'ask', QUESTIONS[0], '--json', '--threads', '1', '--k', String(K), '--max-tokens', String(MAX_TOKENS), ...extra]);
    const result = await ask('--model', models.model, '--reranker', models.reranker);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json).sort()).toEqual(JSON_KEYS);
    expect(json).toMatchObject({
      kind: 'generated',
      model: 'tiny-llama.gguf',
      adapters: [],
      retrieval: { mode: 'hybrid', k: K, reranker: 'tiny-reranker.gguf' },
      aborted: false,
      notices: [],
      removedCitations: 0,
    });
    expect(typeof json.answer).toBe('string');
    expect(Object.keys(json.timings).sort()).toEqual(['firstTokenMs', 'promptTokens', 'retrieveMs', 'tokensPerSecond']);
    expect(json.timings.promptTokens).toBeGreaterThan(0);
    expect(json.timings.promptTokens + MAX_TOKENS).toBeLessThanOrEqual(512);
    for (const citation of json.citations) {
      expect(Object.keys(citation).sort()).toEqual(['endLine', 'n', 'page', 'path', 'stale', 'startLine']);
      expect(citation.path.startsWith(folder)).toBe(true);
      expect(citation).toMatchObject({ startLine: 1, endLine: 1, page: null, stale: false });
      expect(citation.n).toBeGreaterThanOrEqual(1);
      expect(citation.n).toBeLessThanOrEqual(K);
    }
    expect(readMeta(dataDir, RERANK_MODEL_KEY)).toBe(models.reranker);
    // The CLI gave the model what Engine.ask with the remembered models gives it in process (the reranked
    // passages, as the case above checks): its audit entry lists the same chunks in the same order.
    const engine = await openEngine({ dataDir, loadEmbedder: true, threads: 1, answerModels: {} });
    try {
      expect(engine.ranker?.modelId).toBe('tiny-reranker.gguf');
      const cliEntry = engine.store.audit.list().at(-1);
      const inProcess = await engine.ask(QUESTIONS[0], { k: K, maxAnswerTokens: MAX_TOKENS });
      expect(cliEntry?.chunks.map((c) => c.chunkId)).toEqual(inProcess.sources.map((s) => s.chunkId));
      expect(inProcess.answer).toBe(json.answer);
    } finally {
      await engine.dispose();
    }
    // Without --model and --reranker, the remembered ones answer, identically.
    const again = await ask();
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    // (Each ask starts a conversation of its own, and each answer is recorded with an id of its own.)
    const second = JSON.parse(again.stdout);
    expect(second.conversation).not.toBe(json.conversation);
    expect(second.answerId).not.toBe(json.answerId);
    expect({ ...second, timings: null, conversation: null, answerId: null }).toEqual({ ...json, timings: null, conversation: null, answerId: null });
  });

  it('refuses a chat model given as reranker with one MODEL_INVALID line and no stack, and does not remember it', async () => {
    const { dataDir } = await indexedDataDir();
    const result = await runCli(['--data-dir', dataDir, 'ask', QUESTIONS[0], '--json', '--model', models.model, '--reranker', models.model, '--threads', '1']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const lines = result.stderr.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('trove: Model tiny-llama.gguf is not a reranker (it has no classification head).');
    expect(lines[1]).toMatch(/^ {2}Check that the file is the kind of model the option asks for \(chat, embedding or reranker\)/);
    expect(lines[2]).toBe('');
    expect(readMeta(dataDir, RERANK_MODEL_KEY)).toBeUndefined();
    // Nothing of the failed command is remembered, not even the chat model that did load.
    expect(readMeta(dataDir, CHAT_MODEL_KEY)).toBeUndefined();
    // The index is untouched and answers the next question.
    const next = await runCli(['--data-dir', dataDir, 'ask', QUESTIONS[0], '--json', '--model', models.model, '--threads', '1', '--max-tokens', String(MAX_TOKENS)]);
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ kind: 'generated', model: 'tiny-llama.gguf', notices: [] });
  });
});
