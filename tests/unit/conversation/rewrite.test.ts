/** The chat model's rewrite of a follow-up, through the Generator port with a scripted model. */
import { describe, expect, it } from 'vitest';
import type { Generation, Generator } from '../../../electron/core/answer/ports.ts';
import { acceptRewrite, REWRITE_MAX_TOKENS } from '../../../electron/core/conversation/rewrite.ts';
import { standaloneQuery } from '../../../electron/core/conversation/standalone-query.ts';
import { ScriptedGenerator } from '../answer/fakes.ts';

const PREVIOUS = [{ question: 'How do I create an index?', answer: 'Run CREATE INDEX name ON table (column).' }];
const FOLLOW_UP = 'Can I do it without locking the table?';

describe('a follow-up rewritten by the chat model', () => {
  it('asks briefly and greedily, shows the conversation, and searches the rewrite alone', async () => {
    const generator = new ScriptedGenerator(['Can I create an index ', 'without locking the table?']);
    const query = await standaloneQuery(PREVIOUS, FOLLOW_UP, { generator });
    expect(query).toEqual({
      text: 'Can I create an index without locking the table?',
      query: 'Can I create an index without locking the table?',
      carried: '',
      method: 'rewritten',
    });
    expect(generator.options).toEqual([{ maxTokens: REWRITE_MAX_TOKENS, temperature: 0 }]);
    expect(generator.prompts[0]?.map((m) => m.role)).toEqual(['system', 'user']);
    const prompt = generator.prompts[0]?.map((m) => m.text).join('\n') ?? '';
    expect(prompt).toContain('User: How do I create an index?');
    expect(prompt).toContain('Assistant: Run CREATE INDEX');
    expect(prompt).toContain(`Last question: ${FOLLOW_UP}`);
  });

  it('does not ask the model about a question that stands alone', async () => {
    const generator = new ScriptedGenerator(['anything']);
    expect(await standaloneQuery(PREVIOUS, 'Where are receipts submitted for reimbursement?', { generator })).toMatchObject({ method: 'as-asked' });
    expect(generator.prompts).toEqual([]);
  });

  it.each([
    ['an answer instead of a rewrite', 'Yes. Use the CONCURRENTLY option.'],
    ['an echo of the question', FOLLOW_UP],
    ['nothing', '   '],
    ['a ramble', `Can I create an index without locking the table? ${'and then some more words about it '.repeat(8)}`],
  ])('falls back to lexical carry-over on %s', async (_what, reply) => {
    const query = await standaloneQuery(PREVIOUS, FOLLOW_UP, { generator: new ScriptedGenerator([reply]) });
    expect(query).toMatchObject({ method: 'carried', text: `${FOLLOW_UP} (create index)`, carried: 'create index' });
  });

  it('falls back when the model fails or is stopped', async () => {
    const failing: Generator = Object.assign(new ScriptedGenerator([]), {
      generate: async (): Promise<Generation> => {
        throw new Error('context busy');
      },
    });
    expect(await standaloneQuery(PREVIOUS, FOLLOW_UP, { generator: failing })).toMatchObject({ method: 'carried' });
    const controller = new AbortController();
    controller.abort();
    const stopped = new ScriptedGenerator(['Can I create an index without locking the table?']);
    expect(await standaloneQuery(PREVIOUS, FOLLOW_UP, { generator: stopped, signal: controller.signal })).toMatchObject({ method: 'carried' });
  });

  it('cleans a label and quotes off the reply, and keeps only its first line', () => {
    expect(acceptRewrite('Rewritten question: "Can I create an index without locking the table?"\nBecause…', PREVIOUS, FOLLOW_UP)).toBe(
      'Can I create an index without locking the table?',
    );
  });

});
