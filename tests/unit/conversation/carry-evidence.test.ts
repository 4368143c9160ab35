import { describe, expect, it } from 'vitest';
import { continuesTopic, type CarryEvidencePorts } from '../../../electron/core/conversation/carry-evidence.ts';
import { carryOver, standaloneQuery } from '../../../electron/core/conversation/standalone-query.ts';

/** Passages keyed by the query that finds them best ("question|carried"); every term equally rare. */
function ports(best: Record<string, string | undefined>): CarryEvidencePorts {
  return {
    bestPassage: async (query, carried) => {
      const text = best[`${query}|${carried}`];
      return text === undefined ? undefined : { title: null, heading: '', text };
    },
    termStatistics: (terms) => ({ chunks: 100, documentFrequency: new Map(terms.map((term) => [term, 10])) }),
  };
}

const previous = [{ question: 'How do I set up Privoxy?' }];
const question = 'Which port do I put in my browser?';
const carried = carryOver(previous, question)!;

describe('continuesTopic', () => {
  it('carries the earlier words when the passage found with them holds the question as well as its own best passage', async () => {
    const found = ports({
      [`${question}|`]: 'Open the port your browser uses for the web interface.',
      [`${question}|${carried.carried}`]: 'Privoxy listens on port 8118: put it in your browser proxy settings.',
    });
    expect(await continuesTopic(question, carried, found)).toBe(true);
  });

  it('searches as asked after a change of topic: the carried search finds the old topic, not the question', async () => {
    const found = ports({
      [`${question}|`]: 'Open the port your browser uses for the web interface.',
      [`${question}|${carried.carried}`]: 'Privoxy set up: install the app and enable it.',
    });
    expect(await continuesTopic(question, carried, found)).toBe(false);
  });

  it('does not carry when the passage holds none of the carried words', async () => {
    const text = 'Open the port your browser uses for the web interface.';
    const found = ports({ [`${question}|`]: text, [`${question}|${carried.carried}`]: text });
    expect(await continuesTopic(question, carried, found)).toBe(false);
  });

  it('searches as asked when either search finds nothing', async () => {
    expect(await continuesTopic(question, carried, ports({}))).toBe(false);
  });

  it('is asked by standaloneQuery only for questions that do not read as follow-ups', async () => {
    const asked: string[] = [];
    const continues = async (q: string) => {
      asked.push(q);
      return true;
    };
    expect(await standaloneQuery(previous, question, { continuesTopic: continues })).toMatchObject({ method: 'carried', carried: carried.carried });
    expect(await standaloneQuery(previous, 'Can I change it?', { continuesTopic: continues })).toMatchObject({ method: 'carried' });
    expect(asked).toEqual([question]);
    expect(await standaloneQuery(previous, question, { continuesTopic: async () => false })).toMatchObject({ method: 'as-asked' });
  });
});
