import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NO_MODEL_NOTICE, NOT_COVERED } from '../../../electron/core/answer/answer-text.ts';
import { Answerer } from '../../../electron/core/answer/answerer.ts';
import type { SearchHit, SearchOptions, SearchResponse } from '../../../electron/core/search/searcher.ts';
import { FakeRanker, hit, ScriptedGenerator } from './fakes.ts';

/** The audit log's hash of the exact passage text given to the model. */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const vacation = hit('/d/vacation.md', 'Employees accrue twenty vacation days per year.', { startLine: 5, endLine: 6 });
const carry = hit('/d/carry.md', 'Unused vacation days carry over until March.', { startLine: 9, endLine: 9 });
const lunch = hit('/d/lunch.md', 'The canteen serves lunch at noon.');

function searchOver(hits: readonly SearchHit[]) {
  const calls: SearchOptions[] = [];
  const search = async (_query: string, options: SearchOptions): Promise<SearchResponse> => {
    calls.push(options);
    return { results: hits.slice(0, options.k ?? 10), mode: 'bm25', notices: [] };
  };
  return { search, calls };
}

describe('Answerer', () => {
  it('answers from relevant sources only, streams checked text, and reports cited spans', async () => {
    const generator = new ScriptedGenerator(['Twenty days ', '[1]', '; they carry over ', '[2][4]', '.']);
    const { search } = searchOver([vacation, lunch, carry]);
    const streamed: string[] = [];
    const result = await new Answerer({ search, generator }).ask('How many vacation days?', {}, { onToken: (t) => streamed.push(t) });
    expect(result.kind).toBe('generated');
    // The lunch passage matches no question term: it is not given to the model.
    expect(result.sources.map((s) => s.path)).toEqual(['/d/vacation.md', '/d/carry.md']);
    expect(generator.prompts[0]?.[1]?.text).toContain('[2] /d/carry.md:9\n');
    expect(result.answer).toBe('Twenty days [1]; they carry over [2].');
    expect(streamed.join('')).toBe('Twenty days [1]; they carry over [2].');
    expect(result.removedCitations).toBe(1);
    expect(result.citations).toEqual([
      { n: 1, chunkId: vacation.chunkId, path: '/d/vacation.md', startLine: 5, endLine: 6, page: null, heading: '', indexedAt: vacation.indexedAt, textSha256: sha256(vacation.text), text: vacation.text },
      { n: 2, chunkId: carry.chunkId, path: '/d/carry.md', startLine: 9, endLine: 9, page: null, heading: '', indexedAt: carry.indexedAt, textSha256: sha256(carry.text), text: carry.text },
    ]);
    expect(result.model).toBe('scripted.gguf');
    expect(result.timings.promptTokens).toBeGreaterThan(0);
    expect(result.timings.tokensPerSecond).toBeCloseTo(4 / 0.04);
    expect(generator.options[0]).toMatchObject({ temperature: 0 });
  });

  it('abstains without calling the model when nothing relevant is retrieved', async () => {
    const generator = new ScriptedGenerator(['invented']);
    const result = await new Answerer({ search: searchOver([lunch]).search, generator }).ask('How do I bake sourdough bread?');
    expect(result.kind).toBe('abstained');
    expect(result.answer).toBe(NOT_COVERED);
    expect(result.citations).toEqual([]);
    expect(generator.prompts).toHaveLength(0);
  });

  it('asks the model alone with retrieval off, and labels it', async () => {
    const generator = new ScriptedGenerator(['Paris', ' [1]']);
    const { search, calls } = searchOver([vacation]);
    const result = await new Answerer({ search, generator }).ask('Capital of France?', { retrieval: false });
    expect(calls).toHaveLength(0);
    expect(result.kind).toBe('ungrounded');
    expect(result.retrieval).toEqual({ mode: 'none', k: 0 });
    expect(result.citations).toEqual([]);
    expect(result.notices.join(' ')).toMatch(/model alone/);
    expect(generator.prompts[0]?.[1]?.text).toBe('Capital of France?');
  });

  it('without a chat model returns the best passages with citations and says how to add one', async () => {
    const result = await new Answerer({ search: searchOver([vacation, carry]).search }).ask('vacation days');
    expect(result.kind).toBe('extractive');
    expect(result.answer).toBe('[1] /d/vacation.md:5-6\nEmployees accrue twenty **vacation** **days** per year.\n\n[2] /d/carry.md:9\nUnused **vacation** **days** carry over until March.');
    expect(result.citations.map((c) => c.n)).toEqual([1, 2]);
    expect(result.notices).toContain(NO_MODEL_NOTICE);
    expect(result.model).toBeNull();
  });

  it('stops when cancelled and returns the text so far', async () => {
    const controller = new AbortController();
    const generator = new ScriptedGenerator(['one ', 'two ', 'three ', 'four'], 4096, (i) => i === 2 && controller.abort());
    const result = await new Answerer({ search: searchOver([vacation]).search, generator }).ask('vacation days', {}, { signal: controller.signal });
    expect(result.aborted).toBe(true);
    expect(result.answer).toBe('one two');
  });

  it('fits sources into the context window, leaving the answer its room', async () => {
    // Even focused on the question (its first ~120 tokens), the long passage does not fit beside the others.
    const long = hit('/d/long.md', `vacation days ${'word '.repeat(300)}`);
    const generator = new ScriptedGenerator(['ok [1]'], 250);
    const result = await new Answerer({ search: searchOver([long, vacation, carry]).search, generator }).ask('vacation days', { maxAnswerTokens: 100 });
    expect(result.sources.map((s) => s.path)).toEqual(['/d/vacation.md', '/d/carry.md']);
    expect(result.timings.promptTokens + 100).toBeLessThanOrEqual(250);
    expect(generator.options[0]?.maxTokens).toBe(100);
  });

  it('reranks retrieved candidates with the optional ranker before building the prompt', async () => {
    const ranker = new FakeRanker((text) => (text.includes('March') ? 0.9 : 0.4));
    const generator = new ScriptedGenerator(['[1]']);
    const { search, calls } = searchOver([vacation, carry]);
    const result = await new Answerer({ search, generator, ranker }).ask('vacation days', { k: 2 });
    expect(ranker.calls).toBe(1);
    expect(calls[0]?.k).toBe(20); // the reranker sees a deeper candidate list than k
    expect(result.sources.map((s) => s.path)).toEqual(['/d/carry.md', '/d/vacation.md']);
    expect(result.citations[0]?.path).toBe('/d/carry.md');
  });

  it('reports a model reply that the sources do not answer as abstained, with the standard text, no citations and nothing streamed', async () => {
    for (const pieces of [
      ['The indexed', ' documents do not cover', ' this question.'],
      ['"The sources do not mention', ' vacation days', ' [1]."'],
      ["I'm sorry, but there is no information", ' about that.'],
    ]) {
      const generator = new ScriptedGenerator(pieces);
      const streamed: string[] = [];
      const result = await new Answerer({ search: searchOver([vacation, carry]).search, generator }).ask('How many vacation days?', {}, { onToken: (t) => streamed.push(t) });
      expect(result.kind, pieces.join('')).toBe('abstained');
      expect(result.answer).toBe(NOT_COVERED);
      expect(result.citations).toEqual([]);
      // The sources the model was given are still reported (and audited).
      expect(result.sources.map((s) => s.path)).toEqual(['/d/vacation.md', '/d/carry.md']);
      expect(result.model).toBe('scripted.gguf');
      expect(streamed).toEqual([]);
    }
  });

  it('keeps a partial answer that cites a source, streaming it once it is known not to be an abstention', async () => {
    const generator = new ScriptedGenerator(['The documents do not give a limit.', ' Unused days carry over ', '[2]', '.']);
    const streamed: string[] = [];
    const result = await new Answerer({ search: searchOver([vacation, carry]).search, generator }).ask('How many vacation days?', {}, { onToken: (t) => streamed.push(t) });
    expect(result.kind).toBe('generated');
    expect(result.answer).toBe('The documents do not give a limit. Unused days carry over [2].');
    expect(streamed.join('')).toBe(result.answer);
    expect(result.citations.map((c) => c.path)).toEqual(['/d/carry.md']);
  });

  it('refuses an empty question, and --no-retrieval without a model', async () => {
    const answerer = new Answerer({ search: searchOver([]).search });
    await expect(answerer.ask('  ')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(answerer.ask('q', { retrieval: false })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
