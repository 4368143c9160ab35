import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGoldSpan, spanMatches } from '../../../electron/core/eval/gold-span.ts';
import { loadTroveDataset } from '../../../electron/core/eval/trove-dataset.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const jsonl = (...rows: unknown[]) => rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n');

describe('gold spans', () => {
  it('parses whole files, line spans and PDF page spans relative to a base folder', () => {
    expect(parseGoldSpan('docs/a.md', '/base')).toEqual({ key: 'docs/a.md', path: '/base/docs/a.md' });
    expect(parseGoldSpan('docs/a.md:12', '/base')).toEqual({ key: 'docs/a.md:12', path: '/base/docs/a.md', lines: { start: 12, end: 12 } });
    expect(parseGoldSpan('/abs/b.txt:3-9', '/base')).toEqual({ key: '/abs/b.txt:3-9', path: '/abs/b.txt', lines: { start: 3, end: 9 } });
    expect(parseGoldSpan('man.pdf#page=40-41', '/base')).toEqual({ key: 'man.pdf#page=40-41', path: '/base/man.pdf', pages: { start: 40, end: 41 } });
    expect(parseGoldSpan('man.pdf#page=0', '/base')).toMatch(/page span/);
    expect(parseGoldSpan('a.md:9-3', '/base')).toMatch(/line span/);
  });

  it('matches a passage by its page, or by overlapping lines', () => {
    const pages = parseGoldSpan('m.pdf#page=12-13', '/d');
    const lines = parseGoldSpan('a.md:10-14', '/d');
    if (typeof pages === 'string' || typeof lines === 'string') throw new Error('valid spans expected');
    expect(spanMatches(pages, { path: '/d/m.pdf', page: 13, startLine: 1, endLine: 5 })).toBe(true);
    expect(spanMatches(pages, { path: '/d/m.pdf', page: 14, startLine: 1, endLine: 5 })).toBe(false);
    expect(spanMatches(pages, { path: '/d/m.pdf', page: null, startLine: 1, endLine: 5 })).toBe(false);
    expect(spanMatches(lines, { path: '/d/a.md', startLine: 14, endLine: 20 })).toBe(true);
    expect(spanMatches(lines, { path: '/d/a.md', startLine: 15, endLine: 20 })).toBe(false);
  });
});

describe('Trove evaluation datasets', () => {
  it('reads question rows as before: expected spans relative to the dataset file, the user index as corpus', async () => {
    const dir = await tempDir();
    const file = join(dir, 'eval.jsonl');
    await writeFile(
      file,
      jsonl({ question: 'How many vacation days?', expected: ['handbook.md:10-14'], answer: 'Twenty.' }, { question: 'Who won the 1998 world cup?', expected: [], answerable: false }),
    );
    const dataset = await loadTroveDataset(file);
    expect(dataset.corpus).toBeUndefined();
    expect(dataset.questions.map((q) => [q.id, q.text, q.answerable, [...q.judgments.keys()]])).toEqual([
      ['1', 'How many vacation days?', true, ['handbook.md:10-14']],
      ['2', 'Who won the 1998 world cup?', false, []],
    ]);
    const path = join(dir, 'handbook.md');
    expect(dataset.hitId({ path, startLine: 12, endLine: 20 })).toBe('handbook.md:10-14');
    expect(dataset.hitId({ path, startLine: 15, endLine: 20 })).toBe(path);
  });

  it('judges a hit by the asking question\'s own span when another question\'s span overlaps it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'eval.jsonl');
    await writeFile(file, jsonl({ question: 'Whole chapter?', expected: ['guide.md:10-50'] }, { question: 'One detail?', expected: ['guide.md:30-40'] }));
    const dataset = await loadTroveDataset(file);
    const [chapter, detail] = dataset.questions;
    const hit = { path: join(dir, 'guide.md'), startLine: 35, endLine: 38 };
    expect(dataset.hitId(hit, detail?.judgments)).toBe('guide.md:30-40');
    expect(dataset.hitId(hit, chapter?.judgments)).toBe('guide.md:10-50');
    expect(dataset.hitId({ ...hit, startLine: 45, endLine: 48 }, detail?.judgments)).toBe('guide.md:10-50');
  });

  it('names a single-file corpus: gold pages are relative to its folder, and move with it when it is copied', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'docs'));
    await writeFile(join(dir, 'docs', 'manual.pdf'), '%PDF-1.4\n');
    const file = join(dir, 'set.jsonl');
    await writeFile(
      file,
      jsonl(
        { corpus: 'docs/manual.pdf', name: 'manual set' },
        { id: 'q1', question: 'How do I scan?', expected: ['manual.pdf#page=62'] },
        { id: 'u1', question: 'Is there a phone app?', answerable: false },
      ),
    );
    const dataset = await loadTroveDataset(file);
    expect(dataset.name).toBe('manual set');
    expect(dataset.corpus).toMatchObject({ path: join(dir, 'docs', 'manual.pdf'), isFile: true });
    expect(dataset.questions.map((q) => q.id)).toEqual(['q1', 'u1']);
    expect(dataset.hitId({ path: join(dir, 'docs', 'manual.pdf'), page: 62, startLine: 1, endLine: 9 })).toBe('manual.pdf#page=62');
    const moved = dataset.corpus?.atRoot('/scratch/corpus');
    expect(moved?.hitId({ path: '/scratch/corpus/manual.pdf', page: 62, startLine: 1, endLine: 9 })).toBe('manual.pdf#page=62');
    expect(moved?.hitId({ path: '/scratch/corpus/manual.pdf', page: 61, startLine: 1, endLine: 9 })).toBe('/scratch/corpus/manual.pdf');
  });

  it('reads a conversation: earlier turns, the scored follow-up and its standalone form', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'corpus'));
    const file = join(dir, 'set.jsonl');
    await writeFile(
      file,
      jsonl(
        { corpus: 'corpus' },
        { id: 'c1', turns: [{ question: 'How do I export marks?', answer: 'Use Export.' }, { question: 'Can I get a CSV instead?', expected: ['guide.html:40-60'] }], standalone: 'How do I export marks as CSV?' },
      ),
    );
    const dataset = await loadTroveDataset(file);
    expect(dataset.questions).toEqual([]);
    expect(dataset.corpus).toMatchObject({ path: join(dir, 'corpus'), isFile: false });
    expect(dataset.conversations).toEqual([
      {
        id: 'c1',
        previous: [{ question: 'How do I export marks?', answer: 'Use Export.' }],
        followUp: 'Can I get a CSV instead?',
        standalone: 'How do I export marks as CSV?',
        judgments: new Map([['guide.html:40-60', 1]]),
      },
    ]);
    expect(dataset.hitId({ path: join(dir, 'corpus', 'guide.html'), startLine: 55, endLine: 70 })).toBe('guide.html:40-60');
  });

  it.each([
    ['{"expected": ["a.md"]}', /bad\.jsonl:2: needs a "question" string/],
    ['not json', /bad\.jsonl:2 is not valid JSON/],
    ['{"question": "q", "expected": "a.md"}', /bad\.jsonl:2: "expected" must be a list/],
    ['{"question": "q", "expected": ["a.pdf#page=0"]}', /bad\.jsonl:2: "a\.pdf#page=0": a page span/],
    ['{"question": "q", "answerable": "no"}', /bad\.jsonl:2: "answerable" must be true or false/],
    ['{"turns": [{"question": "only one"}], "standalone": "s"}', /bad\.jsonl:2: "turns" must be a list of at least two/],
    ['{"turns": [{"question": "a"}, {"question": "b"}], "standalone": "s"}', /bad\.jsonl:2: the last turn of a conversation needs "expected"/],
    ['{"turns": [{"question": "a"}, {"question": "b", "expected": ["x.md"]}]}', /bad\.jsonl:2: a conversation needs "standalone"/],
    ['{"corpus": "docs"}', /bad\.jsonl:2: a header row .* must be the first row/],
  ])('refuses the bad row %s with one line naming file and line', async (row, message) => {
    const file = join(await tempDir(), 'bad.jsonl');
    await writeFile(file, `${JSON.stringify({ question: 'ok', expected: ['a.md'] })}\n${row}\n`);
    const error = await loadTroveDataset(file).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
  });

  it('refuses a corpus that does not exist', async () => {
    const file = join(await tempDir(), 'set.jsonl');
    await writeFile(file, jsonl({ corpus: '/no/such/manual.pdf' }, { question: 'q', expected: ['manual.pdf#page=1'] }));
    await expect(loadTroveDataset(file)).rejects.toThrow(/the corpus \/no\/such\/manual\.pdf does not exist/);
  });
});
