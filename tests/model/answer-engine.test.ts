import { appendFileSync } from 'node:fs';
import { appendFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/core/engine.ts';
import { LlamaGenerator } from '../../electron/core/models/llama-generator.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestModels } from '../../scripts/generate-test-models.ts';
import { writeFiles } from '../helpers/sample-folder.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let generator: LlamaGenerator;

beforeAll(async () => {
  const models = await ensureTestModels();
  await getLlamaRuntime({ threads: 1 });
  // A small window, so the budget has to leave sources out.
  generator = await LlamaGenerator.load(models.model, { contextSize: 512 });
});
afterAll(async () => {
  await generator?.dispose();
  await disposeLlamaRuntime();
});

/** Ten notes about vacation; the tiny vocabulary spends ~220 tokens on the instructions and ~85 per note. */
async function engineWithNotes(): Promise<{ engine: Engine; folder: string }> {
  const folder = await tempDir();
  const files: Record<string, string> = {};
  for (let i = 1; i <= 10; i++) {
    files[`note-${i}.md`] = `# Vacation note ${i}\n\nVacation days rule ${i}: employees plan their time off with the team lead well ahead.\n`;
  }
  await writeFiles(folder, files);
  const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), generator });
  await engine.index([folder]);
  return { engine, folder };
}

describe('engine.ask with the generated chat model', () => {
  it('fits the best passages into the context by real token counts and cites only given sources', async () => {
    const { engine, folder } = await engineWithNotes();
    const streamed: string[] = [];
    const result = await engine.ask('vacation days rule', { k: 10, maxAnswerTokens: 32 }, { onToken: (t) => streamed.push(t) });
    expect(result.kind).toBe('generated');
    expect(result.model).toBe('tiny-llama.gguf');
    expect(result.sources.length).toBeGreaterThan(0);
    expect(result.sources.length).toBeLessThan(10);
    expect(result.timings.promptTokens + 32).toBeLessThanOrEqual(512);
    expect(result.sources.every((s) => s.path.startsWith(folder) && s.startLine >= 1)).toBe(true);
    expect(result.citations.every((c) => result.sources.some((s) => s.n === c.n && s.chunkId === c.chunkId))).toBe(true);
    expect(streamed.join('').trim()).toBe(result.answer);
    expect(result.timings.firstTokenMs).toBeGreaterThan(0);
    // Greedy: the same question gives the same answer.
    expect((await engine.ask('vacation days rule', { k: 10, maxAnswerTokens: 32 })).answer).toBe(result.answer);
    engine.store.dispose();
  });

  it('gives the model the beginning of a passage longer than the whole window', async () => {
    const folder = await tempDir();
    // One endless sentence: focusing keeps ~120 estimated tokens of it, still more than the window in the tiny vocabulary.
    await writeFiles(folder, { 'long.md': `# Vacation\n\n${'Vacation days are planned with the team lead and '.repeat(60)}\n` });
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), generator, chunking: { maxTokens: 2000, overlapTokens: 0 } });
    await engine.index([folder]);
    const result = await engine.ask('vacation days', { maxAnswerTokens: 32 });
    expect(result.kind).toBe('generated');
    expect(result.sources).toHaveLength(1);
    expect(result.timings.promptTokens + 32).toBeLessThanOrEqual(512);
    expect(result.timings.promptTokens + 32).toBeGreaterThan(512 - 40);
    expect(result.notices.join(' ')).toMatch(/shortened/);
    engine.store.dispose();
  });

  it('abstains without generating when the documents do not cover the question', async () => {
    const { engine } = await engineWithNotes();
    let tokens = 0;
    const result = await engine.ask('How do I bake sourdough bread?', {}, { onToken: () => tokens++ });
    expect(result).toMatchObject({ kind: 'abstained', answer: 'The indexed documents do not cover this question.', citations: [] });
    expect(tokens).toBe(0);
    engine.store.dispose();
  });
});

describe('engine.ask freshness', () => {
  it('re-indexes a source file edited after indexing before the model sees it', async () => {
    const { engine } = await engineWithNotes();
    const before = await engine.ask('vacation days rule', { k: 10, maxAnswerTokens: 8 });
    const first = before.sources[0] as (typeof before.sources)[number];
    await appendFile(first.path, '\nVacation days rule edited after indexing.\n');
    const after = await engine.ask('vacation days rule', { k: 10, maxAnswerTokens: 8 });
    expect(after.sources.some((s) => s.stale)).toBe(false);
    expect(after.notices).toContain('Brought 1 file(s) that changed or were deleted since indexing up to date before answering.');
    const edited = engine.store.documents.stateByPath(first.path);
    expect(edited?.size).toBe((await stat(first.path)).size);
    engine.store.dispose();
  });

  it('marks a source whose file changed while the answer was being written', async () => {
    const { engine } = await engineWithNotes();
    const before = await engine.ask('vacation days rule', { k: 10, maxAnswerTokens: 8 });
    expect(before.sources.some((s) => s.stale)).toBe(false);
    const first = before.sources[0] as (typeof before.sources)[number];
    let edited = false;
    const onToken = () => {
      if (edited) return;
      edited = true;
      appendFileSync(first.path, '\nEdited while the answer was being written.\n');
    };
    const after = await engine.ask('vacation days rule', { k: 10, maxAnswerTokens: 16 }, { onToken });
    expect(edited).toBe(true);
    expect(after.sources.find((s) => s.path === first.path)?.stale).toBe(true);
    expect(after.sources.filter((s) => s.stale)).toHaveLength(1);
    engine.store.dispose();
  });
});
