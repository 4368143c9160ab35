/**
 * The desktop app's window end to end: the same renderer bundle as the app, in Debian's Chromium, against the
 * real engine host (its own process, real SQLite index, the generated tiny chat model and LoRA adapter). The
 * model's weights are random, so the test checks what it reliably does: tokens stream in, the sources given
 * to it are listed, and each source opens the exact indexed passage. Screenshots go to test-results/e2e/.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureTestModels, type TestModelPaths } from '../../scripts/generate-test-models.ts';
import { SAMPLE_FILES, writeFiles } from '../helpers/sample-folder.ts';
import { SQL_MANUAL } from '../helpers/sql-manual.ts';
import { openAppWindow, type AppWindow } from './harness/app-window.ts';
import { buildRenderer } from './harness/browser.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = join(ROOT, 'test-results/e2e');
const QUESTION = 'When does the glacier observatory open for visitors?';
// The random-weight model's greedy answer depends on the whole prompt (file paths included) and is sometimes
// only a couple of tokens before it stops; the test asks until one answer streams long enough to watch.
const MODEL_QUESTIONS = ['Which months is the glacier observatory open?', 'What do visitors borrow at the observatory desk?', 'glacier observatory'];
const GLACIER_TEXT = [
  'Glacier observatory',
  '',
  'The glacier observatory opens for visitors at nine in the morning from May to October.',
  'Visitors borrow crampons at the observatory desk before walking onto the glacier.',
  '',
].join('\n');

let work: string;
let models: TestModelPaths;
let app: AppWindow;
let page: Page;
let folder: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trove-e2e-'));
  folder = join(work, 'docs');
  await writeFiles(folder, {
    'glacier.txt': GLACIER_TEXT,
    'handbook/vacation.md': SAMPLE_FILES['handbook/vacation.md'] ?? '',
    'notes/meeting.txt': SAMPLE_FILES['notes/meeting.txt'] ?? '',
    'broken.pdf': '%PDF-1.7 this is not really a PDF',
  });
  await mkdir(SHOTS, { recursive: true });
  [models] = await Promise.all([ensureTestModels(), buildRenderer()]);
  app = await openAppWindow(join(work, 'data'), { folder, model: models.model, adapter: models.lora });
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await rm(work, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, name) });

/** Asks `question` and returns the streaming answer's text length at each DOM change until it is done. */
/** Characters a Markdown mark may hide from the rendered text once the token that completes it arrives. */
const MARKDOWN_MARK_CHARS = 2;

async function askAndWatch(question: string): Promise<number[]> {
  await page.evaluate(() => {
    const lengths: number[] = [];
    const w = window as unknown as { __lengths: number[]; __observer?: MutationObserver };
    w.__observer?.disconnect();
    w.__lengths = lengths;
    w.__observer = new MutationObserver(() => {
      const text = document.querySelector('[aria-busy="true"] [data-testid="answer-text"]')?.textContent ?? '';
      if (text.length > 0 && text.length !== lengths.at(-1)) lengths.push(text.length);
    });
    w.__observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('textbox', { name: 'Question' }).fill(question);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Stop', exact: true }).count(), { timeout: 60_000 }).toBe(0);
  return page.evaluate(() => (window as unknown as { __lengths: number[] }).__lengths);
}

describe('the Trove window', () => {
  test('first start guides the user and refuses other origins', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('region', { name: 'Getting started' }).isVisible()).toBe(true);
    // The CSP of the bundle holds: the page cannot fetch from another origin.
    const blocked = await page.evaluate(() => fetch('http://127.0.0.1:9/').then(() => false, () => true));
    expect(blocked).toBe(true);
    await shot('01-first-start.png');
  });

  test('adds a folder with the dialog and shows indexing finish, with the file that failed', async () => {
    await page.getByRole('button', { name: 'Folders', exact: true }).click();
    await page.getByRole('button', { name: 'Add folder…' }).click();
    const item = page.getByRole('listitem', { name: `Folder ${folder}` });
    await expect.poll(() => item.getByTestId('folder-counts').textContent(), { timeout: 30_000 }).toMatch(/^4 files · \d+ passages? · 1 failed/);
    // Once nothing is queued the card says so: no progress bar or time left from the run that finished.
    await expect.poll(() => item.getByTestId('folder-activity').textContent(), { timeout: 30_000 }).toMatch(/^Up to date · indexed /);
    expect(await item.getByRole('progressbar').count()).toBe(0);
    expect(await item.getByText(/ left$/).count()).toBe(0);
    await item.getByText('1 file could not be read').click();
    await expect.poll(() => item.getByText(join(folder, 'broken.pdf')).isVisible()).toBe(true);
    await shot('02-folder-indexed.png');
    // OCR of scanned pages is on by default; the switch turns it off and on for this folder (the host keeps it).
    const ocr = item.getByRole('checkbox', { name: `Read scanned pages and images (OCR) in ${folder}` });
    expect(await ocr.isChecked()).toBe(true);
    await ocr.click();
    await expect.poll(() => ocr.isChecked()).toBe(false);
    await ocr.click();
    await expect.poll(() => ocr.isChecked()).toBe(true);
  });

  test('answers with the best passages before any model is chosen', async () => {
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.getByRole('textbox', { name: 'Question' }).fill(QUESTION);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => page.getByRole('note').textContent()).toBe('Best passages from your documents (no chat model chosen)');
    await expect.poll(() => page.getByRole('button', { name: /^Source 1: glacier\.txt/ }).count()).toBe(1);
  });

  test('a follow-up is searched with its context: the answer says "Searched for: …" and cites the right source', async () => {
    // A manual whose follow-up, searched alone, would find the page about locks rather than the one it means.
    await writeFiles(folder, SQL_MANUAL);
    await expect
      .poll(async () => {
        const hits = await page.evaluate(() => window.trove?.search({ query: 'concurrently', k: 1 }));
        return hits?.ok ? hits.value[0]?.path : undefined;
      }, { timeout: 30_000, interval: 250 })
      .toBe(join(folder, 'sql/index-concurrently.md'));
    await page.getByRole('button', { name: 'New chat', exact: true }).click();
    await askAndWatch('How do I create an index?');
    await askAndWatch('Can I do it without locking the table?');
    const answers = page.getByRole('article', { name: 'Answer' });
    expect(await answers.count()).toBe(2);
    expect(await answers.first().getByTestId('searched-for').count()).toBe(0);
    const followUp = answers.last();
    expect(await followUp.getByTestId('searched-for').textContent()).toBe('Searched for: Can I do it without locking the table? (create index)');
    await expect.poll(() => followUp.getByRole('button', { name: /^Source 1: index-concurrently\.md:3-5 \(cited\)$/ }).count()).toBe(1);
    await shot('03-follow-up.png');
  });

  test('chooses the chat model and streams an answer with its sources', async () => {
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await page.getByRole('button', { name: 'Choose chat model file…' }).click();
    await expect.poll(() => page.getByTestId('chat-model').textContent(), { timeout: 60_000 }).toBe('tiny-llama.gguf');
    expect(await page.getByTestId('backend').textContent()).toMatch(/cpu|cuda|vulkan|metal/);

    await page.getByRole('button', { name: 'New chat', exact: true }).click();
    let lengths: number[] = [];
    for (const question of MODEL_QUESTIONS) {
      lengths = await askAndWatch(question);
      if (lengths.length >= 5) break;
    }
    // The answer text grew over several token events before the answer was done. The lengths are of the rendered
    // Markdown, so a token that completes a mark ("**", "`", a list "* ") may hide a character or two it showed
    // a moment before; anything more would be text lost while streaming.
    expect(lengths.length).toBeGreaterThanOrEqual(5);
    expect(lengths.at(-1)).toBeGreaterThan(lengths[0] ?? 0);
    const drops = lengths.slice(1).map((length, i) => (lengths[i] ?? 0) - length).filter((drop) => drop > 0);
    expect(drops.every((drop) => drop <= MARKDOWN_MARK_CHARS)).toBe(true);
    expect(await page.evaluate(() => window.__troveEvents['answer-token'] ?? 0)).toBeGreaterThanOrEqual(lengths.length);
    const answer = page.getByRole('article', { name: 'Answer' }).last();
    expect((await answer.getByTestId('answer-text').textContent())?.trim().length).toBeGreaterThan(0);
    await expect.poll(() => answer.getByRole('button', { name: /^Source 1: glacier\.txt:\d+/ }).count()).toBe(1);
    await shot('03-streamed-answer.png');
  });

  test('a source chip opens the exact indexed passage, highlighted in its file', async () => {
    const answer = page.getByRole('article', { name: 'Answer' }).last();
    await answer.getByRole('button', { name: /^Source 1: glacier\.txt/ }).click();
    const panel = page.getByRole('complementary', { name: 'Source' });
    const highlighted = panel.getByTestId('highlighted-passage');
    await expect.poll(() => highlighted.count()).toBe(1);
    const span = (await panel.locator('.source-span').textContent()) ?? '';
    const [, start, end = start] = /Lines? (\d+)(?:–(\d+))?/.exec(span) ?? [];
    const fileLines = (await readFile(join(folder, 'glacier.txt'), 'utf8')).split('\n').slice(Number(start) - 1, Number(end));
    const shown = (await highlighted.textContent()) ?? '';
    expect(shown).toBe(fileLines.join('\n'));
    expect(shown).toContain('opens for visitors at nine in the morning');
    // The indexed chunk itself, as search returns it, is what is highlighted (.txt spans are verbatim).
    const hits = await page.evaluate((q) => window.trove?.search({ query: q, k: 5 }), QUESTION);
    expect(hits?.ok && hits.value.find((h) => h.path.endsWith('glacier.txt'))?.text).toBe(shown);
    await shot('04-source-panel.png');

    await panel.getByRole('button', { name: 'Open file' }).click();
    await expect.poll(() => page.evaluate(() => window.__troveShell)).toEqual([{ method: 'openFile', path: join(folder, 'glacier.txt') }]);
    // Only indexed documents can be opened.
    const refused = await page.evaluate(() => window.trove?.openFile({ path: '/etc/passwd' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    await panel.getByRole('button', { name: 'Close source' }).click();
  });

  test('attaches the LoRA adapter and shows it with its scale', async () => {
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await page.getByRole('button', { name: 'Attach adapter…' }).click();
    const adapter = page.getByRole('listitem', { name: 'Adapter tiny-llama-lora.gguf' });
    await expect.poll(() => adapter.getByTestId('adapter-scale').textContent(), { timeout: 30_000 }).toBe('1.00');
    await shot('05-adapter-attached.png');
    if (process.env.TROVE_UPDATE_SCREENSHOT === '1') await copyFile(join(SHOTS, '04-source-panel.png'), join(ROOT, 'docs/screenshot.png'));
  });

  test("the adapter library shows each adapter's fit with the chat model, and Attach is disabled with the reason for one that does not fit", async () => {
    // An adapter of the same family made for a wider model, dropped into the models folder while the app runs.
    await mkdir(join(work, 'data', 'models'), { recursive: true });
    await copyFile(models.loraMismatch, join(work, 'data', 'models', 'wide-lora.gguf'));
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    const attached = page.getByRole('listitem', { name: 'Library entry tiny-llama-lora.gguf' });
    await expect.poll(() => attached.getByTestId('adapter-fit').textContent(), { timeout: 30_000 }).toBe('fits tiny-llama.gguf');
    expect(await attached.getByText('attached', { exact: true }).count()).toBe(1);
    const wide = page.getByRole('listitem', { name: 'Library entry wide-lora.gguf' });
    await expect.poll(() => wide.getByTestId('adapter-fit').textContent(), { timeout: 30_000 }).toBe('does not fit tiny-llama.gguf');
    expect(await wide.getByTestId('adapter-facts').textContent()).toMatch(/^llama · rank \d+ · alpha \d+ · \d+ kB$/);
    expect(await wide.getByRole('button', { name: 'Attach wide-lora.gguf' }).isDisabled()).toBe(true);
    expect(await wide.getByText(/^Does not fit tiny-llama\.gguf: blk\.0\.\S+ is \[.*\] in the model but the adapter expects \[.*\]\.$/).count()).toBe(1);
    await shot('05-adapter-library.png');
  });

  test('the privacy view lists the answers, turns the audit log off, and redacts a folder', async () => {
    const openPrivacy = async () => {
      await page.getByRole('button', { name: 'Chat', exact: true }).click();
      await page.getByRole('button', { name: 'Privacy', exact: true }).click();
    };
    await openPrivacy();
    const summary = page.getByTestId('audit-summary');
    await expect.poll(() => summary.textContent()).toMatch(/^On · \d+ answers recorded/);
    const recorded = Number(/(\d+) answers/.exec((await summary.textContent()) ?? '')?.[1]);
    expect(recorded).toBeGreaterThanOrEqual(2);
    // The extractive answer asked before any model was chosen is in the log with its question.
    expect(await page.getByRole('cell', { name: QUESTION, exact: true }).count()).toBe(1);

    // The checkboxes show the engine's state, which changes once the call returns: click, then wait for it.
    await page.getByRole('checkbox', { name: /Keep a local record of every answer/ }).click();
    await expect.poll(() => summary.textContent()).toMatch(/^Off · /);
    await page.getByRole('button', { name: 'New chat', exact: true }).click();
    await askAndWatch('Is the observatory open in winter?');
    await openPrivacy();
    await expect.poll(() => summary.textContent()).toBe(`Off · ${recorded} answers recorded`);

    // Redaction on for the folder, then a file with an access key: the key is reported by kind and line only.
    await page.getByRole('checkbox', { name: `Redact secrets in ${folder}` }).click();
    await expect.poll(() => page.getByRole('checkbox', { name: `Redact secrets in ${folder}` }).isChecked()).toBe(true);
    await writeFile(join(folder, 'deploy.md'), `# Deploy\n\nThe key is ${['AKIA', 'Z3MPLQ7RXK2B4N6W'].join('')} for now.\n`);
    await expect
      .poll(async () => {
        await openPrivacy();
        return page.getByText(/^1 secret removed$/).count();
      }, { timeout: 30_000, interval: 500 })
      .toBe(1);
    expect(await page.getByText(join(folder, 'deploy.md')).count()).toBe(1);
    expect(await page.getByText('aws-access-key', { exact: true }).count()).toBe(1);
    await shot('06-privacy.png');
  });
});
