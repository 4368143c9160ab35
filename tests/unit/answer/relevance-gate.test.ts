import { absentTermWeight } from '../../../electron/core/answer/everyday-words.ts';
import { describe, expect, it } from 'vitest';
import type { TermStatisticsSource } from '../../../electron/core/answer/relevance.ts';
import { isCovered, questionScores, RelevanceGate, type QuerySimilarity } from '../../../electron/core/answer/relevance-gate.ts';
import { defaultThresholds, DEFAULT_THRESHOLDS, type ResolvedThresholds } from '../../../electron/core/answer/relevance-thresholds.ts';
import type { SearchHit } from '../../../electron/core/search/searcher.ts';
import { FakeRanker, hit } from './fakes.ts';

const receipts = hit('/d/receipts.md', 'Receipts go to finance within 30 days.');
const paperwork = hit('/d/paperwork.md', 'Paper slips for purchases reach accounting within a month.');
const garden = hit('/d/garden.md', 'Tomatoes need sun, water and a stake.');

const statistics: TermStatisticsSource = (terms) => ({
  chunks: 3,
  documentFrequency: new Map(terms.map((term) => [term, ({ receipt: 1, financ: 1, tomato: 1 } as Record<string, number>)[term] ?? 0])),
});

/** Cosines by path, as if the query's vector had been compared with each passage's stored vector. */
function similarity(byPath: Record<string, number>): QuerySimilarity & { calls: number } {
  return {
    fingerprint: 'fp-test',
    calls: 0,
    async similarities(_query: string, hits: readonly SearchHit[]) {
      this.calls++;
      return hits.map((h) => byPath[h.path]);
    },
  };
}

/** "receipt" is in the index, "due" is not and weighs only its everyday-word share (relevance.ts). */
const RECEIPT_DUE_COVERAGE = 1 / (1 + absentTermWeight('due'));

const paths = (hits: readonly SearchHit[]) => hits.map((h) => h.path);

describe('RelevanceGate', () => {
  it('lexical only: keeps passages holding enough of the query\'s IDF mass, in first-stage order', async () => {
    const judgement = await new RelevanceGate({ termStatistics: statistics }).judge('When is a receipt due?', [garden, receipts, paperwork]);
    expect(paths(judgement.covered)).toEqual(['/d/receipts.md']);
    expect(judgement.reranker).toBeUndefined();
    expect(judgement.thresholds).toEqual(defaultThresholds());
    expect(judgement.verdicts.map((v) => v.lexical.coverage)).toEqual([0, expect.closeTo(RECEIPT_DUE_COVERAGE), 0]);
    const none = await new RelevanceGate({ termStatistics: statistics }).judge('What is the capital of Mongolia?', [garden, receipts]);
    expect(none.covered).toEqual([]);
  });

  it('lexical only: keeps the passages that hold most of what the best one holds, not every one over the threshold', async () => {
    const vacation = hit('/d/vacation.md', 'Employees get twenty vacation days a year.');
    const expenses = hit('/d/expenses.md', 'Employees submit expenses within thirty days.');
    const flat = (terms: readonly string[]) => ({ chunks: 100, documentFrequency: new Map(terms.map((term) => [term, 10])) });
    const judgement = await new RelevanceGate({ termStatistics: flat }).judge('vacation days employees', [vacation, expenses]);
    // The second holds two of three equally weighted terms (0.67 ≥ the 0.33 threshold) but the best holds all three.
    expect(judgement.verdicts.map((v) => v.lexical.coverage)).toEqual([expect.closeTo(1), expect.closeTo(2 / 3)]);
    expect(paths(judgement.covered)).toEqual(['/d/vacation.md', '/d/expenses.md']);
    const fewer = await new RelevanceGate({ termStatistics: flat }).judge('vacation days employees twenty', [vacation, expenses]);
    // Now it holds two of four (0.5), under 60% of the best's 1.0: left out, though over the threshold.
    expect(paths(fewer.covered)).toEqual(['/d/vacation.md']);
  });

  it('with a reranker: its score against its threshold decides, in its order, whatever the words say', async () => {
    // The paraphrase shares no word with the question but the reranker accepts it; the lexical match it rejects.
    const ranker = new FakeRanker((text) => (text.startsWith('Paper') ? 0.8 : text.startsWith('Receipts') ? 0.31 : 0.29));
    const gate = new RelevanceGate({ termStatistics: statistics }, ranker);
    const judgement = await gate.judge('When is a receipt due?', [garden, receipts, paperwork]);
    expect(judgement.reranker).toBe('fake-ranker.gguf');
    expect(judgement.verdicts.map((v) => v.rerankScore)).toEqual([0.8, 0.31, 0.29]);
    expect(paths(judgement.covered)).toEqual(['/d/paperwork.md', '/d/receipts.md']);
    // Just below the threshold: dropped, although lexically covered.
    const strict = await new RelevanceGate(
      { termStatistics: statistics, thresholds: (models) => ({ ...defaultThresholds(models), reranker: { value: 0.32, source: 'calibrated' } }) },
      ranker,
    ).judge('When is a receipt due?', [receipts]);
    expect(strict.covered).toEqual([]);
    expect(strict.verdicts[0]?.lexical.coverage).toBeCloseTo(RECEIPT_DUE_COVERAGE);
  });

  it('scores even a single candidate with the reranker (its score is the evidence)', async () => {
    const ranker = new FakeRanker(() => 0.1);
    const judgement = await new RelevanceGate({}, ranker).judge('receipts', [receipts]);
    expect(ranker.calls).toBe(1);
    expect(judgement.covered).toEqual([]);
  });

  it('with embeddings and no reranker: a confident cosine rescues a paraphrase, a low one does not veto a lexical match', async () => {
    const cosines = similarity({ '/d/paperwork.md': DEFAULT_THRESHOLDS.embedding, '/d/receipts.md': 0.1, '/d/garden.md': DEFAULT_THRESHOLDS.embedding - 0.01 });
    const judgement = await new RelevanceGate({ termStatistics: statistics, similarity: cosines }).judge('When is a receipt due?', [garden, receipts, paperwork]);
    expect(paths(judgement.covered)).toEqual(['/d/receipts.md', '/d/paperwork.md']);
    expect(judgement.thresholds.embedding).toEqual({ value: DEFAULT_THRESHOLDS.embedding, source: 'default' });
    expect(judgement.verdicts.map((v) => v.similarity)).toEqual([DEFAULT_THRESHOLDS.embedding - 0.01, 0.1, DEFAULT_THRESHOLDS.embedding]);
  });

  it('does not compute embedding similarity when a reranker decides', async () => {
    const cosines = similarity({ '/d/receipts.md': 0.99 });
    await new RelevanceGate({ similarity: cosines }, new FakeRanker(() => 0.9)).judge('receipts', [receipts]);
    expect(cosines.calls).toBe(0);
  });

  it('asks for the thresholds of the models in use', async () => {
    const asked: unknown[] = [];
    const thresholds = (models: object): ResolvedThresholds => {
      asked.push(models);
      return defaultThresholds(models);
    };
    await new RelevanceGate({ similarity: similarity({}), thresholds }).judge('receipts', [receipts]);
    await new RelevanceGate({ similarity: similarity({}), thresholds }, new FakeRanker(() => 1)).judge('receipts', [receipts]);
    expect(asked).toEqual([{ reranker: undefined, embedding: 'fp-test' }, { reranker: 'fake-ranker.gguf', embedding: undefined }]);
  });

  it('reports each signal\'s best score per question, for calibration', async () => {
    const judgement = await new RelevanceGate({ termStatistics: statistics, similarity: similarity({ '/d/garden.md': 0.3, '/d/receipts.md': 0.6 }) }).judge('When is a receipt due?', [garden, receipts]);
    expect(questionScores(judgement)).toEqual({ lexical: expect.closeTo(RECEIPT_DUE_COVERAGE), embedding: 0.6 });
    const reranked = await new RelevanceGate({}, new FakeRanker((text) => (text.startsWith('Receipts') ? 0.7 : 0.2))).judge('receipts', [garden, receipts]);
    expect(questionScores(reranked)).toMatchObject({ reranker: 0.7 });
    expect(questionScores(await new RelevanceGate({}).judge('receipts', []))).toEqual({ lexical: 0 });
  });
});

describe('isCovered', () => {
  const thresholds: ResolvedThresholds = {
    lexical: { value: 0.4, source: 'default' },
    reranker: { value: 0.3, source: 'calibrated' },
    embedding: { value: 0.8, source: 'default' },
  };
  it('is decided by the reranker when it scored, else lexical or a confident embedding', () => {
    expect(isCovered({ lexical: { coverage: 1 }, rerankScore: 0.29, similarity: 0.99 }, thresholds)).toBe(false);
    expect(isCovered({ lexical: { coverage: 0 }, rerankScore: 0.3 }, thresholds)).toBe(true);
    expect(isCovered({ lexical: { coverage: 0.4 } }, thresholds)).toBe(true);
    expect(isCovered({ lexical: { coverage: 0.39 } }, thresholds)).toBe(false);
    expect(isCovered({ lexical: { coverage: 0.39 }, similarity: 0.8 }, thresholds)).toBe(true);
    expect(isCovered({ lexical: { coverage: 0.39 }, similarity: 0.79 }, thresholds)).toBe(false);
  });
});
