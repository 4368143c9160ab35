// `trove eval` end to end on a dataset that names its own corpus (a generated PDF and a Markdown file): the
// corpus is indexed into a throwaway data directory, PDF page and line gold are scored with hit@5, the
// decisions are measured without a model, and follow-ups are scored next to their standalone form.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

const PAGES = [
  'The lighthouse keeper logs every passing ship in the harbour register each evening.',
  'The submarine hull is painted ochre so divers can spot it in murky water near the quay.',
  'Anchors are inspected for rust every spring by the harbour engineer before the regatta.',
];

async function writePdf(path: string): Promise<void> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of PAGES) doc.addPage([612, 792]).drawText(text, { x: 40, y: 740, size: 10, font });
  await writeFile(path, await doc.save());
}

describe('trove eval on a dataset with its own corpus', () => {
  it('indexes the corpus aside, scores page and line gold with hit@5, decisions without a model, and follow-ups', async () => {
    const dir = await tempDir();
    const corpus = join(dir, 'corpus');
    await mkdir(corpus);
    await writePdf(join(corpus, 'harbour.pdf'));
    await writeFile(join(corpus, 'canteen.md'), ['# Canteen', '', 'Lunch is served from noon.', '', 'The canteen closes at three on Fridays.', ''].join('\n'));
    const rows = [
      { corpus: 'corpus', name: 'harbour' },
      { id: 'q1', question: 'What colour is the submarine painted?', expected: ['harbour.pdf#page=2'] },
      { id: 'q2', question: 'When are anchors checked for rust?', expected: ['harbour.pdf#page=3'] },
      { id: 'q3', question: 'When does the canteen close on Fridays?', expected: ['canteen.md:5'] },
      { id: 'q4', question: 'Who keeps the harbour register?', expected: ['harbour.pdf#page=2'] },
      { id: 'u1', question: 'Which football team won the 1998 world cup final?', answerable: false },
      { id: 'c1', turns: [{ question: 'Tell me about the submarine.' }, { question: 'What colour is it?', expected: ['harbour.pdf#page=2'] }], standalone: 'What colour is the submarine?' },
    ];
    const dataset = join(dir, 'harbour.jsonl');
    await writeFile(dataset, rows.map((row) => JSON.stringify(row)).join('\n'));
    const dataDir = await tempDir();

    const result = await runCli(['--data-dir', dataDir, 'eval', dataset, '--mode', 'bm25', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    // The user's data directory is untouched: the corpus went into a throwaway one.
    expect(await readdir(dataDir)).toEqual([]);
    expect(report.dataset).toMatchObject({ name: 'harbour', kind: 'trove', questions: 5 });
    const bm25 = report.variants[0].modes.bm25;
    const hits = Object.fromEntries(bm25.questions.map((q: { id: string; metrics: Record<string, number> }) => [q.id, q.metrics['hit@5']]));
    // q4 is answered on page 1, not on its (deliberately wrong) gold page 2, which matches no question word.
    expect(hits).toEqual({ q1: 1, q2: 1, q3: 1, q4: 0 });
    expect(report.modes.bm25['hit@5']).toBe(3 / 4);
    expect(report.answers).toMatchObject({ model: null, promptTokens: 'estimated', wronglyDeclined: 0, correctlyDeclined: 1, abstentionPrecision: 1, abstentionRecall: 1 });
    expect(report.answers.medianPromptTokens).toBeGreaterThan(0);
    const followUps = bm25.followUps;
    expect(followUps.standaloneHitAt5).toBe(1);
    expect(followUps.conversations).toHaveLength(1);
    if (followUps.rewrite === 'none') expect(followUps.conversations[0].query).toBe('What colour is it?');

    const text = await runCli(['--data-dir', dataDir, 'eval', dataset, '--mode', 'bm25']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/hit@5/);
    expect(text.stdout).toMatch(/answerable declined 0\.0%, unanswerable declined 100\.0%, abstention precision 1\.000, recall 1\.000/);
    expect(text.stdout).toMatch(/bm25 follow-ups \(1, (searched as asked|rewritten by the engine)\): hit@5 [01]\.000, the same asked standalone 1\.000/);
  });

  it('refuses a bad row with a one-line error and a non-zero exit', async () => {
    const dataset = join(await tempDir(), 'bad.jsonl');
    await writeFile(dataset, '{"question": "fine", "expected": ["a.md"]}\n{"turns": [{"question": "only one"}], "standalone": "s"}\n');
    const result = await runCli(['--data-dir', await tempDir(), 'eval', dataset, '--mode', 'bm25']);
    expect(result.code).not.toBe(0);
    // The error is one line; the CLI's usual hint for a bad argument follows it.
    const [error] = result.stderr.trim().split('\n');
    expect(error).toMatch(/^trove: .*bad\.jsonl:2: "turns" must be a list of at least two \{"question": …\} objects$/);
  });
});
