/**
 * Citation checking as properties, against a reference built from the structure of a generated answer (not from
 * the implementation's regex): citations of unknown sources are always removed, citations of given sources
 * always kept, the counts add up, the rest of the text is untouched, and streaming in any pieces gives the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCitations, CitationStreamFilter } from '../../../electron/core/answer/citations.ts';

type Item = { readonly word: string } | { readonly cite: readonly number[] };

const word = fc.stringMatching(/^[a-z.,;:!?()-]{1,8}$/).map((w): Item => ({ word: w }));
const cite = fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 }).map((numbers): Item => ({ cite: numbers }));
const answer = fc.array(fc.oneof({ weight: 3, arbitrary: word }, { weight: 1, arbitrary: cite }), { maxLength: 30 });
const sourceCount = fc.integer({ min: 0, max: 8 });

const render = (items: readonly Item[]) => items.map((item) => ('word' in item ? item.word : `[${item.cite.join(', ')}]`)).join(' ');

/** What checking must produce, computed from the structure. */
function expected(items: readonly Item[], count: number) {
  const cited: number[] = [];
  let removed = 0;
  const text = items
    .map((item) => {
      if ('word' in item) return item.word;
      const valid = item.cite.filter((n) => n >= 1 && n <= count);
      removed += item.cite.length - valid.length;
      for (const n of valid) if (!cited.includes(n)) cited.push(n);
      return valid.length === 0 ? '' : `[${valid.join(', ')}]`;
    })
    .join(' ');
  return { text, cited, removed };
}

/** Cuts `text` at the given fractions into pieces, like tokens arriving from a model. */
const splitAt = (text: string, cuts: readonly number[]) => {
  const points = [...new Set(cuts.map((c) => Math.floor(c * text.length)))].sort((a, b) => a - b);
  return [0, ...points].map((start, i) => text.slice(start, points[i] ?? text.length));
};

describe('citation checking properties', () => {
  it('removes every unknown source, keeps every known one, and leaves the other text as it was', () => {
    fc.assert(
      fc.property(answer, sourceCount, (items, count) => {
        const result = checkCitations(render(items), count);
        expect(result).toEqual(expected(items, count));
        for (const match of result.text.matchAll(/\[([\d, ]+)\]/g)) {
          for (const n of (match[1] as string).split(',').map(Number)) expect(n >= 1 && n <= count).toBe(true);
        }
      }),
    );
  });

  it('counts add up: kept citations plus removed ones equal the citations in the answer', () => {
    fc.assert(
      fc.property(answer, sourceCount, (items, count) => {
        const result = checkCitations(render(items), count);
        const total = items.reduce((sum, item) => sum + ('cite' in item ? item.cite.length : 0), 0);
        const kept = [...result.text.matchAll(/\[([\d, ]+)\]/g)].reduce((sum, m) => sum + (m[1] as string).split(',').length, 0);
        expect(kept + result.removed).toBe(total);
      }),
    );
  });

  it('streaming the answer in arbitrary pieces emits and returns exactly what whole-text checking gives', () => {
    fc.assert(
      fc.property(answer, sourceCount, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }), (items, count, cuts) => {
        const text = render(items);
        const emitted: string[] = [];
        const filter = new CitationStreamFilter(count, (piece) => emitted.push(piece));
        for (const piece of splitAt(text, cuts)) filter.push(piece);
        const streamed = filter.finish();
        expect(streamed).toEqual(checkCitations(text, count));
        expect(emitted.join('')).toBe(streamed.text);
      }),
    );
  });
});
