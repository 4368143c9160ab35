/**
 * One-click download in the window, end to end: the Models view downloads a recommended model from an
 * emulated Hugging Face hub (tests/helpers/hub-emulator.ts; the host is pointed at it with the test-only
 * TROVE_MODEL_HUB_URL) with a visible progress bar, is cancelled and resumed, verifies the file against the
 * SHA-256 the hub publishes, makes it the chat model, and answers with it. The file the hub serves is the
 * generated tiny chat model, under the shipped manifest's name for Qwen2.5-0.5B-Instruct.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureTestModels } from '../../scripts/generate-test-models.ts';
import { startHubEmulator, type HubEmulator } from '../helpers/hub-emulator.ts';
import { writeFiles } from '../helpers/sample-folder.ts';
import { openAppWindow, type AppWindow } from './harness/app-window.ts';
import { buildRenderer } from './harness/browser.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = join(ROOT, 'test-results/e2e');
const NAME = 'qwen2.5-0.5b-instruct';
const FILE = 'qwen2.5-0.5b-instruct-q4_k_m.gguf';
const HUB_PATH = `/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/${FILE}`;

let work: string;
let hub: HubEmulator;
let app: AppWindow;
let page: Page;
let bytes: Buffer;
let folder: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trove-e2e-download-'));
  folder = join(work, 'docs');
  await writeFiles(folder, { 'glacier.txt': 'The glacier observatory opens for visitors at nine in the morning from May to October.\n' });
  await mkdir(SHOTS, { recursive: true });
  const [models] = await Promise.all([ensureTestModels(), buildRenderer()]);
  bytes = await readFile(models.model);
  hub = await startHubEmulator();
  // Trickled out (16 kB every 100 ms, about 4 s in all) so the progress bar can be seen and cancelled.
  hub.put(HUB_PATH, { bytes, trickle: { chunkBytes: 16 * 1024, pauseMs: 100 } });
  app = await openAppWindow(join(work, 'data'), { folder, model: null, adapter: null }, { TROVE_MODEL_HUB_URL: hub.hubUrl, TROVE_MODELS_DIR: '' });
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await hub?.close();
  await rm(work, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, name) });
const recommended = () => page.getByRole('listitem', { name: `Recommended ${NAME}` });

describe('downloading a recommended model in the window', () => {
  test('every recommended model file offers Download; the LoRA example says why it cannot', async () => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await expect.poll(() => recommended().getByRole('button', { name: 'Download', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Download', exact: true }).count()).toBe(7);
    expect(await page.getByText('Manual download', { exact: false }).count()).toBe(1);
  });

  test('shows a progress bar with speed and time left, and Cancel keeps what was downloaded', async () => {
    await recommended().getByRole('button', { name: 'Download', exact: true }).click();
    const bar = recommended().getByRole('progressbar', { name: `Downloading ${NAME}` });
    const status = recommended().getByTestId('download-status');
    await expect.poll(() => status.textContent(), { timeout: 30_000, interval: 100 }).toMatch(/^\d+ kB of 675 kB · \d+ kB\/s · about \d+ s left$/);
    expect(Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
    expect(Number(await bar.getAttribute('max'))).toBe(bytes.length);
    await shot('10-download-progress.png');

    await recommended().getByRole('button', { name: 'Cancel', exact: true }).click();
    const resume = recommended().getByRole('button', { name: /^Resume download \(\d+ kB done\)$/ });
    await expect.poll(() => resume.count(), { timeout: 30_000 }).toBe(1);
    expect(await bar.count()).toBe(0);
    // No error banner: cancelling is not a failure.
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await readdir(join(work, 'data', 'models'))).toEqual(['.partial']);
  });

  test('Resume continues with a Range request, verifies the file, and makes it the chat model', async () => {
    await recommended().getByRole('button', { name: /^Resume download/ }).click();
    await expect.poll(() => recommended().getByText('installed', { exact: true }).count(), { timeout: 60_000, interval: 250 }).toBe(1);
    await expect.poll(() => page.getByTestId('chat-model').textContent(), { timeout: 60_000 }).toBe(FILE);
    const cdn = hub.requests.filter((r) => r.server === 'cdn');
    expect(cdn).toHaveLength(2);
    expect(cdn[0]?.range).toBeUndefined();
    expect(cdn[1]?.range).toMatch(/^bytes=\d+-$/);
    expect(hub.requests.filter((r) => r.server === 'hub').map((r) => r.method)).toEqual(['HEAD', 'HEAD']);
    expect(await readFile(join(work, 'data', 'models', FILE))).toEqual(bytes);
    expect(await readdir(join(work, 'data', 'models'))).toEqual([FILE]);
    await shot('11-downloaded.png');
  });

  test('the downloaded model answers a question from a folder', async () => {
    await page.getByRole('button', { name: 'Folders', exact: true }).click();
    await page.getByRole('button', { name: 'Add folder…' }).click();
    const item = page.getByRole('listitem', { name: `Folder ${folder}` });
    await expect.poll(() => item.getByTestId('folder-activity').textContent(), { timeout: 30_000 }).toMatch(/^Up to date · indexed /);
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.getByRole('textbox', { name: 'Question' }).fill('When does the glacier observatory open?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Stop', exact: true }).count(), { timeout: 60_000 }).toBe(0);
    const answer = page.getByRole('article', { name: 'Answer' }).last();
    // Written by the model (no "best passages" note), from the indexed file.
    expect(await page.getByRole('note').filter({ hasText: 'no chat model chosen' }).count()).toBe(0);
    await expect.poll(() => answer.getByRole('button', { name: /^Source 1: glacier\.txt/ }).count()).toBe(1);
    expect(await page.evaluate(() => window.__troveEvents['answer-token'] ?? 0)).toBeGreaterThan(0);
    await shot('12-answer-from-downloaded-model.png');
  });
});
