import { describe, expect, it } from 'vitest';
import { formatSpan, groundedMessages, ungroundedMessages, type PromptSource } from '../../../electron/core/answer/prompt.ts';

const sources: PromptSource[] = [
  { n: 1, path: '/docs/handbook/vacation.md', startLine: 3, endLine: 6, page: null, heading: 'Employee handbook > Vacation policy', text: 'Employees accrue twenty days of paid vacation per year.\nUnused days carry over until March.\n' },
  { n: 2, path: '/docs/reports/q3.pdf', startLine: 1, endLine: 4, page: 2, heading: '', text: '  Travel spending fell 12% in the third quarter.  ' },
  { n: 3, path: '/docs/notes/meeting.txt', startLine: 5, endLine: 5, page: null, heading: '', text: 'The roadmap review moved to Thursday.' },
];

describe('prompt', () => {
  it('numbers the sources with their spans and puts the question last', () => {
    expect(groundedMessages('  How many vacation days do employees get? ', sources)).toMatchInlineSnapshot(`
      [
        {
          "role": "system",
          "text": "You are Trove, an assistant that answers questions from the user's own documents. Answer only from the numbered sources. After each statement, cite the sources it comes from by number in square brackets, like [1] or [2][3]. If the sources do not contain the answer, reply with exactly this sentence and nothing else: The indexed documents do not cover this question. Be brief.",
        },
        {
          "role": "user",
          "text": "Sources:

      [1] /docs/handbook/vacation.md:3-6 (Employee handbook > Vacation policy)
      Employees accrue twenty days of paid vacation per year.
      Unused days carry over until March.

      [2] /docs/reports/q3.pdf#page=2
      Travel spending fell 12% in the third quarter.

      [3] /docs/notes/meeting.txt:5
      The roadmap review moved to Thursday.

      Question: How many vacation days do employees get?",
        },
      ]
    `);
  });

  it('asks the model alone without sources or citations', () => {
    expect(ungroundedMessages('What is BM25?')).toMatchInlineSnapshot(`
      [
        {
          "role": "system",
          "text": "You are Trove, a helpful assistant. No documents were searched for this question: answer from general knowledge, be brief, and do not cite sources.",
        },
        {
          "role": "user",
          "text": "What is BM25?",
        },
      ]
    `);
  });

  it('formats spans as file:lines or file#page', () => {
    expect(formatSpan({ path: 'a.md', startLine: 4, endLine: 4, page: null })).toBe('a.md:4');
    expect(formatSpan({ path: 'a.md', startLine: 4, endLine: 9, page: null })).toBe('a.md:4-9');
    expect(formatSpan({ path: 'b.pdf', startLine: 1, endLine: 9, page: 7 })).toBe('b.pdf#page=7');
  });
});
