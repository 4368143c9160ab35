import { describe, expect, it } from 'vitest';
import { focusPassage, GAP_MARK, rarityWeights, sourceLinesOf, type FocusableHit } from '../../../electron/core/answer/focus.ts';
import { estimateTokens } from '../../../electron/core/chunk/estimate-tokens.ts';
import { queryTerms } from '../../../electron/core/search/analyze.ts';

/** Filler prose: sentences that hold none of the test questions' words. */
const filler = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `Unrelated remark number ${i} about the ${tag} of the office garden.`);

function chunk(lines: string[], path = '/d/guide.md', startLine = 10): FocusableHit {
  return { path, text: lines.join('\n'), startLine, endLine: startLine + lines.length - 1, page: null };
}

describe('focusPassage', () => {
  const lines = [
    ...filler(6, 'colour'),
    'Before the update, stop the service.',
    'Receipts go to finance within 30 days.',
    'Late receipts need a signed form.',
    ...filler(6, 'shape'),
    'Refunds are paid monthly by transfer.',
    ...filler(6, 'weight'),
  ];
  const hit = chunk(lines);

  it('keeps the best sentence with one neighbour each side, cited by the exact lines', () => {
    const focused = focusPassage(queryTerms('receipts for finance'), hit);
    expect(focused.focused).toBe(true);
    expect(focused.text).toBe(lines.slice(6, 9).join('\n'));
    expect([focused.startLine, focused.endLine]).toEqual([16, 18]);
    expect(focused.ranges).toHaveLength(1);
  });

  it('adds a second window for a term the first does not hold, in document order, joined by " … "', () => {
    const focused = focusPassage(queryTerms('receipts and refunds'), hit);
    expect(focused.text).toBe([lines.slice(6, 9).join('\n'), lines.slice(14, 17).join('\n')].join(GAP_MARK));
    expect([focused.startLine, focused.endLine]).toEqual([16, 26]);
    expect(focused.ranges.map((r) => hit.text.slice(r.start, r.end))).toEqual([lines.slice(6, 9).join('\n'), lines.slice(14, 17).join('\n')]);
  });

  it('merges windows that touch into one', () => {
    const near = chunk([...filler(8, 'colour'), 'Receipts go first.', 'Some other words.', 'Refunds go second.', ...filler(8, 'shape')]);
    const focused = focusPassage(queryTerms('receipts refunds'), near);
    expect(focused.ranges).toHaveLength(1);
    expect(focused.text).toBe(['Unrelated remark number 7 about the colour of the office garden.', 'Receipts go first.', 'Some other words.', 'Refunds go second.', 'Unrelated remark number 0 about the shape of the office garden.'].join('\n'));
  });

  it('stays within the token cap, dropping neighbours before windows', () => {
    const focused = focusPassage(queryTerms('receipts refunds'), hit, { maxTokens: 30 });
    expect(estimateTokens(focused.text)).toBeLessThanOrEqual(30);
    expect(focused.text).toContain('Receipts go to finance');
  });

  it('keeps a short chunk whole, with its own span', () => {
    const short = chunk(['Receipts go to finance within 30 days.', 'Nothing else.']);
    const focused = focusPassage(queryTerms('receipts'), short);
    expect(focused).toMatchObject({ text: short.text, startLine: 10, endLine: 11, focused: false });
  });

  it('focuses a chunk above the whole-chunk size only', () => {
    const terms = queryTerms('receipts');
    const size = estimateTokens(hit.text);
    expect(focusPassage(terms, hit, { wholeUpTo: size }).focused).toBe(false);
    expect(focusPassage(terms, hit, { wholeUpTo: size - 1 }).focused).toBe(true);
  });

  it('cuts a single over-long sentence to the words around its match', () => {
    const words = Array.from({ length: 600 }, (_, i) => `w${i}`);
    words[400] = 'receipts';
    const focused = focusPassage(queryTerms('receipts'), chunk([words.join(' ')]), { maxTokens: 40 });
    expect(focused.text).toContain('receipts');
    expect(focused.text.split(' ').length).toBeGreaterThan(10);
    expect(estimateTokens(focused.text)).toBeLessThanOrEqual(40);
  });

  it('keeps the beginning when no sentence holds a query term (a passage found by meaning)', () => {
    const focused = focusPassage(queryTerms('zebra'), hit, { maxTokens: 40 });
    expect(focused.text.startsWith(lines[0] as string)).toBe(true);
    expect(focused.startLine).toBe(10);
    expect(estimateTokens(focused.text)).toBeLessThanOrEqual(40);
  });

  it('prefers the sentence with the rarer term when weights are given', () => {
    const text = [...filler(5, 'colour'), 'The table is big.', ...filler(5, 'shape'), 'Locking happens here.', ...filler(5, 'weight')];
    const terms = queryTerms('table locking');
    const plain = focusPassage(terms, chunk(text), { maxTokens: 40 });
    expect(plain.text).toContain('The table is big.'); // ties go to the earlier sentence
    const rare = (term: string) => (term === 'lock' ? 3 : 1);
    expect(focusPassage(terms, chunk(text), { maxTokens: 40, termWeight: rare }).text).toContain('Locking happens here.');
  });

  it('keeps the chunk span for formats whose text is not laid out on source lines (HTML)', () => {
    const html = { ...hit, path: '/d/page.html', endLine: 90 };
    const focused = focusPassage(queryTerms('receipts'), html);
    expect(focused.focused).toBe(true);
    expect([focused.startLine, focused.endLine]).toEqual([10, 90]);
  });

  it('keeps the page of a PDF passage', () => {
    const focused = focusPassage(queryTerms('receipts'), { ...hit, path: '/d/manual.pdf', page: 7 });
    expect(focused.page).toBe(7);
    expect([focused.startLine, focused.endLine]).toEqual([16, 18]);
  });
});

describe('sourceLinesOf', () => {
  it('maps offsets to the lines they sit on, blank lines included', () => {
    const hit = chunk(['alpha', '', 'beta gamma', 'delta']);
    const at = (word: string) => hit.text.indexOf(word);
    expect(sourceLinesOf(hit, at('beta'), at('beta') + 4)).toEqual({ startLine: 12, endLine: 12 });
    expect(sourceLinesOf(hit, at('alpha'), at('delta') + 5)).toEqual({ startLine: 10, endLine: 13 });
    // A range ending right after a line break ends on the line before it.
    expect(sourceLinesOf(hit, at('beta'), at('delta'))).toEqual({ startLine: 12, endLine: 12 });
  });

  it('gives up when the text has more lines than its span (not laid out line for line)', () => {
    expect(sourceLinesOf({ ...chunk(['a', 'b', 'c']), endLine: 10 }, 0, 1)).toBeUndefined();
  });
});

describe('rarityWeights', () => {
  it('weights a term in fewer documents higher, and a term in all of them 1', () => {
    const weight = rarityWeights(['tabl', 'lock'], ['the table', 'a table', 'table locking', 'tables']);
    expect(weight('tabl')).toBe(1);
    expect(weight('lock')).toBeCloseTo(1 + Math.log(4));
  });
});
