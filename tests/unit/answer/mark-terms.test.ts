import { describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../../../electron/core/answer/answer-text.ts';
import { markTerms } from '../../../electron/core/answer/mark-terms.ts';
import { queryTerms } from '../../../electron/core/search/analyze.ts';
import { forTerminal } from '../../../electron/cli/emphasis.ts';

describe('markTerms', () => {
  it('marks the original words whose analysed form is a query term', () => {
    expect(markTerms('Receipts go to finance. A receipt is late; the RECEIPT-book too.', queryTerms('receipts'))).toBe(
      '**Receipts** go to finance. A **receipt** is late; the **RECEIPT**-book too.',
    );
    expect(markTerms('Creating indexes concurrently avoids locking.', queryTerms('create an index without locks'))).toBe(
      '**Creating** **indexes** concurrently avoids **locking**.',
    );
  });

  it('matches accents and case as the index does, and leaves other words alone', () => {
    expect(markTerms('Le Café crème à Zürich.', queryTerms('cafe zurich'))).toBe('Le **Café** crème à **Zürich**.');
    expect(markTerms('Nothing to see here.', queryTerms('receipts'))).toBe('Nothing to see here.');
    expect(markTerms('Unchanged text.', [])).toBe('Unchanged text.');
  });

  it('marks the passages of an extractive answer, not the source headers', () => {
    const source = { n: 1, path: '/d/receipts.md', startLine: 3, endLine: 3, page: null, heading: 'Receipts', text: 'Receipts go to finance.' };
    expect(extractiveAnswer([source], queryTerms('receipts'))).toBe('[1] /d/receipts.md:3 (Receipts)\n**Receipts** go to finance.');
  });
});

describe('forTerminal', () => {
  const text = 'The **Receipts** go to **finance**.';

  it('shows marked words in bold on a terminal', () => {
    expect(forTerminal(text, { isTTY: true }, {})).toBe('The \u001b[1mReceipts\u001b[22m go to \u001b[1mfinance\u001b[22m.');
  });

  it('keeps the Markdown when the output is not a terminal, or colour is off', () => {
    expect(forTerminal(text, { isTTY: false }, {})).toBe(text);
    expect(forTerminal(text, { isTTY: true }, { NO_COLOR: '1' })).toBe(text);
    expect(forTerminal(text, { isTTY: true }, { TERM: 'dumb' })).toBe(text);
  });
});
