// The answer pipeline with the generated chat model gives the model focused passages: the sentences that match
// the question (not the whole chunk), under a header with their exact lines, and returns those lines as citations.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, GenerateOptions, GenerateStream, Generator } from '../../electron/core/answer/ports.ts';
import { groundedMessages } from '../../electron/core/answer/prompt.ts';
import { Engine } from '../../electron/core/engine.ts';
import { LlamaGenerator } from '../../electron/core/models/llama-generator.ts';
import { Store } from '../../electron/core/store/sqlite/store.ts';
import { disposeLlamaRuntime, getLlamaRuntime } from '../../native/llama.ts';
import { ensureTestModels } from '../../scripts/generate-test-models.ts';
import { writeFiles } from '../helpers/sample-folder.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let model: LlamaGenerator;

beforeAll(async () => {
  const models = await ensureTestModels();
  await getLlamaRuntime({ threads: 1 });
  model = await LlamaGenerator.load(models.model, { contextSize: 4096 });
});
afterAll(async () => {
  await model?.dispose();
  await disposeLlamaRuntime();
});

/** The real generator, recording the prompts it is given. */
class RecordingGenerator implements Generator {
  readonly prompts: ChatMessage[][] = [];
  constructor(private readonly inner: Generator) {}
  get modelId() { return this.inner.modelId; }
  get contextSize() { return this.inner.contextSize; }
  get adapters() { return this.inner.adapters; }
  countPromptTokens(messages: readonly ChatMessage[]) { return this.inner.countPromptTokens(messages); }
  generate(messages: readonly ChatMessage[], options: GenerateOptions, stream?: GenerateStream) {
    this.prompts.push([...messages]);
    return this.inner.generate(messages, options, stream);
  }
  async dispose() {}
}

const filler = (topic: string, n: number) => Array.from({ length: n }, (_, i) => `The ${topic} committee met on day ${i} and talked about the garden and the parking.`);
const ANSWER = 'Concurrent index builds avoid locking the table against writes.';
const GUIDE = [
  '# Indexes',
  '',
  ...filler('budget', 8),
  '',
  '## Building',
  'Building an index normally blocks writes.',
  ANSWER,
  'They take longer to finish.',
  '',
  ...filler('travel', 24),
].join('\n');

describe('engine.ask with focused passages (generated chat model)', () => {
  it('gives the model the matching sentences with their exact lines, and cites those lines', async () => {
    const folder = await tempDir();
    await writeFiles(folder, { 'guide.md': GUIDE });
    const generator = new RecordingGenerator(model);
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), generator, chunking: { maxTokens: 1000, overlapTokens: 0 } });
    await engine.index([folder]);
    const question = 'How do I build an index without locking the table?';
    const result = await engine.ask(question, { maxAnswerTokens: 8 });

    expect(result.kind).toBe('generated');
    const lines = (await readFile(join(folder, 'guide.md'), 'utf8')).split('\n');
    const answerLine = lines.indexOf(ANSWER) + 1;
    const [source] = result.sources;
    // The window: the best sentence and its neighbours, on exactly their lines of the file.
    expect([source?.startLine, source?.endLine]).toEqual([answerLine - 1, answerLine + 1]);
    const prompt = generator.prompts[0]?.map((m) => m.text).join('\n') ?? '';
    expect(prompt).toContain(`[1] ${join(folder, 'guide.md')}:${answerLine - 1}-${answerLine + 1} (Indexes > Building)\n${lines.slice(answerLine - 2, answerLine + 1).join('\n')}`);
    expect(prompt).not.toContain('committee');

    // The same question over the whole chunk would have cost several times the prompt.
    const [hit] = (await engine.search(question, { mode: 'bm25', k: 1 })).results;
    const whole = model.countPromptTokens(groundedMessages(question, [{ n: 1, path: hit?.path ?? '', startLine: hit?.startLine ?? 0, endLine: hit?.endLine ?? 0, page: null, heading: hit?.heading ?? '', text: hit?.text ?? '' }]));
    expect(result.timings.promptTokens * 2).toBeLessThan(whole);
    engine.store.dispose();
  });

  it('without a model shows the same focused text with the matching words marked', async () => {
    const folder = await tempDir();
    await writeFiles(folder, { 'guide.md': GUIDE });
    const engine = new Engine({ store: Store.open(join(await tempDir(), 'trove.db')), chunking: { maxTokens: 1000, overlapTokens: 0 } });
    await engine.index([folder]);
    const result = await engine.ask('How do I build an index without locking the table?');
    expect(result.kind).toBe('extractive');
    expect(result.answer).toContain('Concurrent **index** **builds** avoid **locking** the **table** against writes.');
    expect(result.answer).not.toContain('committee');
    const answerLine = GUIDE.split('\n').indexOf(ANSWER) + 1;
    expect([result.citations[0]?.startLine, result.citations[0]?.endLine]).toEqual([answerLine - 1, answerLine + 1]);
    engine.store.dispose();
  });
});
