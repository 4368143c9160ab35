import { describe, expect, it } from 'vitest';
import { carriedWords, looksLikeFollowUp, MAX_CARRIED_WORDS } from '../../../electron/core/conversation/follow-up.ts';
import { carryOver, standaloneQuery } from '../../../electron/core/conversation/standalone-query.ts';
import { contentWords } from '../../../electron/core/conversation/words.ts';

describe('looksLikeFollowUp', () => {
  it.each([
    'Can I do it without locking the table?',
    'What does that mean for replicas?',
    'Are those settings kept after a restart?',
    'How do they compare?',
    'And on Windows?',
    'What about the command line?',
    'how about backups',
    'Why?',
    'Any limits?',
    "Doesn't this need a restart?",
  ])('reads %j as a follow-up', (question) => {
    expect(looksLikeFollowUp(question)).toBe(true);
  });

  it.each([
    'How do I create an index?',
    'Where are receipts submitted for reimbursement?',
    'Default port number of the server',
    'Is there a way to rotate log files?',
    // Says "it" and "this", but names six content words of its own: long enough to stand alone.
    'Can I make it so the scanned answer sheets of this exam are matched to the class list automatically?',
  ])(
    'reads %j as a question that stands alone',
    (question) => {
      expect(looksLikeFollowUp(question)).toBe(false);
    },
  );
});

describe('contentWords', () => {
  it('keeps the words a question is about, as written, each once', () => {
    expect(contentWords("Can't I create the Index, then index it again?").map((w) => w.surface)).toEqual(['create', 'Index']);
    expect(contentWords('Could you tell me about this?')).toEqual([]);
  });

  it('drops stop words of the question\'s own language only: "die" is a content word in English, not in German', () => {
    expect(contentWords('Why do cells die?').map((w) => w.surface)).toEqual(['cells', 'die']);
    expect(contentWords('Was hat die Katze gefressen?').map((w) => w.surface)).toEqual(['Katze', 'gefressen']);
  });
});

describe('lexical carry-over', () => {
  it('borrows the earlier question’s content words that the follow-up lacks, readable in parentheses', () => {
    const query = carryOver([{ question: 'How do I create an index?', answer: 'Use CREATE INDEX.' }], 'Can I do it without locking the table?');
    expect(query).toEqual({
      text: 'Can I do it without locking the table? (create index)',
      query: 'Can I do it without locking the table?',
      carried: 'create index',
      method: 'carried',
    });
  });

  it('searches the carried words alone when the follow-up has no content word of its own', () => {
    expect(carryOver([{ question: 'How do I rotate log files?' }], 'Why?')).toMatchObject({ text: 'Why? (rotate log files)', query: 'rotate log files', carried: '' });
  });

  it('follows a chain of follow-ups back to the question that set the topic, and no further', () => {
    const previous = ['Where are receipts submitted?', 'How do I create an index?', 'Can I do it without locking the table?'];
    expect(carriedWords(previous, 'What about a partitioned one?').map((w) => w.surface)).toEqual(['create', 'index', 'without', 'locking', 'table']);
    expect(carriedWords(['How do I create an index?', 'Where are receipts submitted?'], 'Why?').map((w) => w.surface)).toEqual(['receipts', 'submitted']);
  });

  it('carries at most a few words and never one the follow-up already has', () => {
    const long = 'Which alpha bravo charlie delta echo foxtrot golf hotel india settings exist?';
    const carried = carriedWords([long], 'And the alpha ones?');
    expect(carried).toHaveLength(MAX_CARRIED_WORDS);
    expect(carried.map((w) => w.surface)).not.toContain('alpha');
  });

  it('leaves a question that stands alone, or a first question, as asked', async () => {
    const previous = [{ question: 'How do I create an index?' }];
    expect(await standaloneQuery(previous, 'Where are receipts submitted for reimbursement?')).toMatchObject({ method: 'as-asked', carried: '' });
    expect(await standaloneQuery([], 'Can I do it without locking?')).toMatchObject({ method: 'as-asked', text: 'Can I do it without locking?' });
  });
});
