/**
 * The compare view end to end in Chromium, against the real engine host with the generated chat model and two
 * generated LoRA adapters: one question, the same sources, two different streamed answers; the better one is
 * marked, the other edited with a citation, and the export writes lines that validate against the chat-jsonl
 * schema and carry the sources given and the citations. Screenshots go to test-results/e2e/.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { heldOutPaths } from '../../electron/core/feedback/export-dataset.ts';
import { chatJsonlLineSchema, type ChatJsonlLine } from '../../electron/core/feedback/training-line.ts';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';
import { writeFiles } from '../helpers/sample-folder.ts';
import { writeSecondAdapter } from '../helpers/second-adapter.ts';
import { openAppWindow, type AppWindow } from './harness/app-window.ts';
import { buildRenderer } from './harness/browser.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = join(ROOT, 'test-results/e2e');
const QUESTION = 'Which months is the glacier observatory open?';
const GLACIER_TEXT = 'Glacier observatory\n\nThe glacier observatory opens for visitors at nine in the morning from May to October.\n';
const CORRECTED = 'From May to October, from nine in the morning [1].';

let work: string;
let folder: string;
let exportFile: string;
let models: TestModelPaths;
let loraB: string;
let app: AppWindow;
let page: Page;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trove-e2e-compare-'));
  folder = join(work, 'docs');
  exportFile = join(work, 'export', 'approved.jsonl');
  await writeFiles(folder, { 'glacier.txt': GLACIER_TEXT });
  await mkdir(join(work, 'export'));
  await mkdir(SHOTS, { recursive: true });
  [models] = await Promise.all([ensureTestModels(), buildRenderer()]);
  loraB = await writeSecondAdapter(work);
  app = await openAppWindow(join(work, 'data'), { folder, model: models.model, adapter: models.lora, exportFile });
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await rm(work, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, name) });

async function exportedLines(): Promise<ChatJsonlLine[]> {
  const files = [exportFile, heldOutPaths(exportFile).heldOut];
  const text = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('');
  return text.split('\n').filter((line) => line !== '').map((line) => chatJsonlLineSchema.parse(JSON.parse(line)));
}

describe('comparing two adapters in the window', () => {
  test('indexes a folder, marks a chat answer good, and chooses the chat model', async () => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Folders', exact: true }).click();
    await page.getByRole('button', { name: 'Add folder…' }).click();
    const item = page.getByRole('listitem', { name: `Folder ${folder}` });
    await expect.poll(() => item.getByTestId('folder-activity').textContent(), { timeout: 30_000 }).toMatch(/^Up to date · indexed /);
    // Every answer in the chat can be marked; before a chat model is chosen, the best passages answer.
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.getByRole('textbox', { name: 'Question' }).fill(QUESTION);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    const chatAnswer = page.getByRole('article', { name: 'Answer' });
    await chatAnswer.getByRole('button', { name: 'Good', exact: true }).click();
    await expect.poll(() => chatAnswer.getByRole('status').textContent()).toBe('Marked good');
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await page.getByRole('button', { name: 'Choose chat model file…' }).click();
    await expect.poll(() => page.getByTestId('chat-model').textContent(), { timeout: 60_000 }).toBe('tiny-llama.gguf');
  });

  test('shows two different streamed answers over the same sources', { timeout: 120_000 }, async () => {
    await page.evaluate(() => {
      const w = window as unknown as { __compareStreams: Record<string, number> };
      w.__compareStreams = {};
      window.trove?.onEvent((event) => {
        if (event.type === 'answer-token') w.__compareStreams[event.streamId] = (w.__compareStreams[event.streamId] ?? 0) + 1;
      });
    });
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('textbox', { name: 'Compare question' }).fill(QUESTION);
    await page.getByRole('textbox', { name: 'Configuration A' }).fill(`adapter=${models.lora}@1`);
    await page.getByRole('textbox', { name: 'Configuration B' }).fill(`adapter=${loraB}@1`);
    // A short budget: the random-weight model may otherwise run to its full answer budget on a busy machine.
    await page.getByRole('spinbutton', { name: 'Longest answer (tokens)' }).fill('16');
    await page.getByRole('button', { name: 'Compare', exact: true }).last().click();
    const answerA = page.getByRole('article', { name: 'Answer A' });
    const answerB = page.getByRole('article', { name: 'Answer B' });
    await expect.poll(() => page.locator('[aria-label^="Answer "][aria-busy="true"]').count(), { timeout: 80_000 }).toBe(0);
    await expect.poll(() => answerB.getByRole('button', { name: 'Better' }).count()).toBe(1);

    const textA = (await answerA.getByTestId('answer-text').textContent())?.trim() ?? '';
    const textB = (await answerB.getByTestId('answer-text').textContent())?.trim() ?? '';
    expect(textA.length).toBeGreaterThan(0);
    expect(textB.length).toBeGreaterThan(0);
    expect(textA).not.toBe(textB);
    // Both answers streamed, each under its own stream.
    const streams = await page.evaluate(() => (window as unknown as { __compareStreams: Record<string, number> }).__compareStreams);
    expect(Object.values(streams)).toHaveLength(2);
    expect(Object.values(streams).every((tokens) => tokens > 0)).toBe(true);
    // One list of sources, given to both.
    await expect.poll(() => page.getByRole('button', { name: /^Source 1: glacier\.txt:\d+/ }).count()).toBe(1);
    await shot('07-compare.png');
  });

  test('marks one better, corrects the other, and exports lines with the sources and citations', async () => {
    const answerA = page.getByRole('article', { name: 'Answer A' });
    const answerB = page.getByRole('article', { name: 'Answer B' });
    await answerA.getByRole('button', { name: 'Better' }).click();
    await expect.poll(() => answerA.getByRole('status').textContent()).toBe('Marked good');
    await answerB.getByRole('button', { name: 'Edit' }).click();
    await answerB.getByRole('textbox', { name: /Corrected answer/ }).fill(CORRECTED);
    await answerB.getByRole('button', { name: 'Save corrected answer' }).click();
    await expect.poll(() => answerB.getByRole('status').textContent()).toBe('Corrected answer saved');

    await page.getByRole('button', { name: 'Export training data…' }).click();
    await expect.poll(() => page.getByText(/^Exported 3 examples/).count(), { timeout: 30_000 }).toBe(1);
    await shot('08-compare-exported.png');

    const all = await exportedLines();
    expect(all).toHaveLength(3);
    expect(all.filter((line) => line.metadata.configuration === 'extractive')).toHaveLength(1);
    const lines = all.filter((line) => line.metadata.configuration !== 'extractive');
    expect(lines).toHaveLength(2);
    const glacier = join(folder, 'glacier.txt');
    for (const line of lines) {
      // The sources as given: numbered, with file and lines, and their text; then the question.
      expect(line.messages[1].content).toMatch(new RegExp(`^Sources:\\n\\n\\[1\\] ${glacier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+`));
      expect(line.messages[1].content).toContain('opens for visitors at nine in the morning from May to October');
      expect(line.messages[1].content.endsWith(`Question: ${QUESTION}`)).toBe(true);
    }
    const better = lines.find((line) => !line.metadata.corrected);
    const corrected = lines.find((line) => line.metadata.corrected);
    expect(better?.metadata.configuration).toBe(`tiny-llama.gguf + tiny-llama-lora.gguf@1`);
    expect(better?.messages[2].content.length).toBeGreaterThan(0);
    expect(corrected?.metadata.configuration).toBe(`tiny-llama.gguf + tiny-llama-lora-b.gguf@1`);
    expect(corrected?.messages[2].content).toBe(CORRECTED);
    expect(corrected?.metadata.citations).toEqual([{ n: 1, path: glacier, startLine: expect.any(Number), endLine: expect.any(Number), page: null }]);
  });
});
