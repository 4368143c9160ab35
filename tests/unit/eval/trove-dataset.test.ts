import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTroveDataset, parseExpected } from '../../../electron/core/eval/trove-dataset.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('Trove evaluation datasets', () => {
  it('parses paths, single lines and line ranges relative to the dataset file', () => {
    expect(parseExpected('docs/a.md', '/base')).toEqual({ key: 'docs/a.md', path: '/base/docs/a.md' });
    expect(parseExpected('docs/a.md:12', '/base')).toEqual({ key: 'docs/a.md:12', path: '/base/docs/a.md', startLine: 12, endLine: 12 });
    expect(parseExpected('/abs/b.txt:3-9', '/base')).toEqual({ key: '/abs/b.txt:3-9', path: '/abs/b.txt', startLine: 3, endLine: 9 });
  });

  it('maps a hit to the expected span it overlaps, and otherwise to its path', async () => {
    const dir = await tempDir();
    const file = join(dir, 'eval.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ question: 'How many vacation days?', expected: ['handbook.md:10-14'], answer: 'Twenty.' }),
        JSON.stringify({ question: 'Who won the 1998 world cup?', expected: [], answerable: false }),
      ].join('\n'),
    );
    const dataset = await loadTroveDataset(file);
    expect(dataset.questions.map((q) => [q.text, q.answerable, [...q.judgments.keys()]])).toEqual([
      ['How many vacation days?', true, ['handbook.md:10-14']],
      ['Who won the 1998 world cup?', false, []],
    ]);
    const path = join(dir, 'handbook.md');
    expect(dataset.hitId({ path, startLine: 12, endLine: 20 })).toBe('handbook.md:10-14');
    expect(dataset.hitId({ path, startLine: 15, endLine: 20 })).toBe(path);
    expect(dataset.hitId({ path: join(dir, 'other.md'), startLine: 10, endLine: 14 })).toBe(join(dir, 'other.md'));
  });

  it('names the line of a malformed row', async () => {
    const file = join(await tempDir(), 'bad.jsonl');
    await writeFile(file, `${JSON.stringify({ question: 'ok', expected: ['a.md'] })}\n{"expected": ["a.md"]}\n`);
    await expect(loadTroveDataset(file)).rejects.toThrow(/bad\.jsonl:2 needs a "question"/);
  });
});
