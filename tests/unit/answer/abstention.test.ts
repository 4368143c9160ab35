import { describe, expect, it } from 'vitest';
import { AbstentionStreamGuard, isAbstention, mayBeAbstention } from '../../../electron/core/answer/abstention.ts';
import { NOT_COVERED } from '../../../electron/core/answer/answer-text.ts';
import { GROUNDED_INSTRUCTIONS } from '../../../electron/core/answer/prompt.ts';

describe('isAbstention', () => {
  it('recognises the fixed sentence the prompt asks for, however it is dressed', () => {
    expect(GROUNDED_INSTRUCTIONS).toContain(NOT_COVERED);
    for (const reply of [
      NOT_COVERED,
      '  The indexed documents do not cover this question.',
      'the indexed documents do not cover this question',
      '"The indexed documents do not cover this question."',
      '**The indexed documents do not cover this question.**',
      'The indexed documents do not cover this question [1].',
      '\u201cThe indexed documents don\u2019t cover this question.\u201d',
      'NOT COVERED',
      'Not covered.',
    ]) {
      expect(isAbstention(reply), reply).toBe(true);
    }
  });

  it('recognises common paraphrases', () => {
    for (const reply of [
      'The documents do not cover this.',
      'The sources do not contain information about the capital of Mongolia.',
      "The provided sources don't mention Mongolia at all.",
      'The context does not provide an answer to this question.',
      'These passages do not say when receipts are due.',
      "I'm sorry, but the sources do not contain that information.",
      'Unfortunately, the documents do not address this question.',
      'There is no information about Mongolia in the sources.',
      'I cannot find the answer in the provided sources.',
      'I could not find this in the documents.',
      'None of the sources mention Mongolia.',
      'The answer is not in the sources.',
      'No information about this is given.',
      'This question is not covered by the documents.',
    ]) {
      expect(isAbstention(reply), reply).toBe(true);
    }
  });

  it('does not take an answer, or a partial answer that cites a source, for an abstention', () => {
    for (const reply of [
      'Receipts go to finance within 30 days [1].',
      'The documents say receipts go to finance within 30 days [1].',
      'The deadline is 30 days [1].',
      'There is a 30-day limit for receipts [1].',
      'No, receipts must be submitted within 30 days [1].',
      'I am able to tell you: 30 days [1].',
      'The documents do not give a date. They say receipts go to finance within 30 days [1].',
      '',
    ]) {
      expect(isAbstention(reply), reply).toBe(false);
    }
  });
});

describe('AbstentionStreamGuard', () => {
  function stream(pieces: readonly string[]): { shown: string[]; guard: AbstentionStreamGuard; shownAfter: string[] } {
    const shown: string[] = [];
    const shownAfter: string[] = [];
    const guard = new AbstentionStreamGuard((text) => shown.push(text));
    for (const piece of pieces) {
      guard.push(piece);
      shownAfter.push(shown.join(''));
    }
    return { shown, guard, shownAfter };
  }

  it('releases an ordinary answer at its first word no abstention starts with, then streams it as it comes', () => {
    const { shown, shownAfter, guard } = stream(['Rece', 'ipts', ' go', ' to', ' finance', ' [1].']);
    // "Rece" could not start an abstention: shown at once.
    expect(shownAfter).toEqual(['Rece', 'Receipts', 'Receipts go', 'Receipts go to', 'Receipts go to finance', 'Receipts go to finance [1].']);
    guard.finish(false);
    expect(shown.join('')).toBe('Receipts go to finance [1].');
  });

  it('holds "The" until the next word shows the reply is not an abstention', () => {
    const { shownAfter } = stream(['The', ' d', 'eadline', ' is', ' 30 days.']);
    expect(shownAfter).toEqual(['', '', 'The deadline', 'The deadline is', 'The deadline is 30 days.']);
  });

  it('shows nothing of an abstention', () => {
    const pieces = ['The', ' indexed', ' documents', ' do', ' not', ' cover', ' this', ' question', '.'];
    const { shown, guard } = stream(pieces);
    expect(shown).toEqual([]);
    expect(isAbstention(pieces.join(''))).toBe(true);
    guard.finish(true);
    expect(shown).toEqual([]);
  });

  it('releases held text at the end when what opened like an abstention turns out to be an answer', () => {
    const reply = ['The documents do not give a date.', ' They say 30 days [1].'];
    const { shown, guard } = stream(reply);
    expect(shown).toEqual([]);
    guard.finish(isAbstention(reply.join('')));
    expect(shown.join('')).toBe(reply.join(''));
  });

  it('knows while streaming whether a beginning may still be an abstention', () => {
    expect(mayBeAbstention('')).toBe(true);
    expect(mayBeAbstention('"')).toBe(true);
    expect(mayBeAbstention('The sou')).toBe(true);
    expect(mayBeAbstention("I'm sorry, but")).toBe(true);
    expect(mayBeAbstention('I')).toBe(true);
    expect(mayBeAbstention('Twenty')).toBe(false);
    expect(mayBeAbstention('1.')).toBe(false);
    expect(mayBeAbstention('The sources say')).toBe(false);
  });
});
