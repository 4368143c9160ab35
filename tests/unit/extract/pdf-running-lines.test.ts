import { describe, expect, it } from 'vitest';
import { runningLines } from '../../../electron/core/extract/pdf-running-lines.ts';

const body = (n: number): string[] => [`Body text of page ${n} begins here.`, `It goes on with detail number ${n * 7}.`];

describe('runningLines', () => {
  it('finds a book title header and page-number footers, and names the title', () => {
    const pages = [1, 2, 3, 4, 5].map((n) => ['Shared MIME-info Database', ...body(n), String(n)]);
    const running = runningLines(pages);
    expect(running.documentTitle).toBe('Shared MIME-info Database');
    expect(running.pages).toEqual(pages.map(() => ({ leadingLines: 1, trailingLines: 1 })));
  });

  it('reads the section from headers that print it with the page number and the book title', () => {
    const headers = [
      'CONTENTS gnuplot 5.4 1', '2 gnuplot 5.4 CONTENTS', 'gnuplot 5.4 3', '4 gnuplot 5.4',
      'gnuplot 5.4 5', '6 gnuplot 5.4', 'gnuplot 5.4 7', '8 gnuplot 5.4 INDEX',
    ];
    const running = runningLines(headers.map((header, i) => [header, ...body(i + 1)]));
    expect(running.pages.map((p) => p.sectionTitle)).toEqual(['CONTENTS', 'CONTENTS', undefined, undefined, undefined, undefined, undefined, 'INDEX']);
    expect(running.pages.every((p) => p.leadingLines === 1)).toBe(true);
    expect(running.documentTitle).toBe('gnuplot 5.4');
  });

  it('keeps a chapter heading that starts with the page number as text', () => {
    const pages = [
      ['1', '1 Introduction', 'This document describes the library.'],
      ['Chapter 1: Introduction 2', ...body(2)],
      ['Chapter 1: Introduction 3', ...body(3)],
      ['4', '2 Utilities', 'The utilities read definitions.'],
    ];
    const running = runningLines(pages);
    expect(running.pages.map((p) => [p.leadingLines, p.sectionTitle])).toEqual([
      [1, 'Chapter 1: Introduction'],
      [1, 'Chapter 1: Introduction'],
      [1, 'Chapter 1: Introduction'],
      [1, undefined], // the next page names no chapter: the previous one's title would be wrong
    ]);
  });

  it('does not take a word that opens a few scattered pages for a header', () => {
    const pages = Array.from({ length: 12 }, (_, i) => (i % 4 === 0 ? ['Syntax:', ...body(i)] : body(i)));
    expect(runningLines(pages).pages.every((p) => p.leadingLines === 0 && p.sectionTitle === undefined)).toBe(true);
  });

  it('leaves documents of one or two pages as they are', () => {
    expect(runningLines([['Title', '1'], ['Title', '2']]).pages).toEqual([
      { leadingLines: 0, trailingLines: 0 },
      { leadingLines: 0, trailingLines: 0 },
    ]);
  });
});
