/**
 * Conversations in the engine on a real store without a chat model: a follow-up is searched with the words
 * of the question before it (carried over) and finds the page it means; history survives
 * reopening the engine; unknown conversations and empty questions are refused before anything is written.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine.ts';
import { TroveError } from '../../../electron/core/errors.ts';
import { extractReadFile } from '../../../electron/core/extract/index.ts';
import { Store } from '../../../electron/core/store/sqlite/store.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { SQL_MANUAL } from '../../helpers/sql-manual.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { ScriptedGenerator } from '../../unit/answer/fakes.ts';

const tempDir = useTempDirs();

const FIRST = 'How do I create an index?';
const FOLLOW_UP = 'Can I do it without locking the table?';

async function manual(files: Record<string, string> = SQL_MANUAL): Promise<{ folder: string; dbFile: string; open: () => Engine }> {
  const folder = await tempDir();
  await writeFiles(folder, files);
  const dbFile = join(await tempDir(), 'trove.db');
  const open = () => new Engine({ store: Store.open(dbFile), extract: extractReadFile });
  const engine = open();
  await engine.index([folder]);
  await engine.dispose();
  return { folder, dbFile, open };
}

describe('conversations in the engine', () => {
  it('searches a follow-up with the context of the question before it and cites the right page', async () => {
    const { folder, open } = await manual();
    const engine = open();
    const concurrently = join(folder, 'sql/index-concurrently.md');
    // Alone, the follow-up's words are about locks in general: another page comes first.
    expect((await engine.search(FOLLOW_UP, { mode: 'bm25', k: 1 })).results[0]?.path).not.toBe(concurrently);

    const first = await engine.converse(null, FIRST, { mode: 'bm25' });
    expect(first.query).toBe(FIRST);
    expect(first.result.sources[0]?.path).toBe(join(folder, 'sql/create-index.md'));
    const second = await engine.converse(first.conversationId, FOLLOW_UP, { mode: 'bm25' });
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.query).toBe(`${FOLLOW_UP} (create index)`);
    expect(second.result.kind).toBe('extractive');
    expect(second.result.citations[0]?.path).toBe(concurrently);
    expect(second.answer).toMatchObject({ role: 'assistant', query: second.query, sources: expect.arrayContaining([expect.objectContaining({ path: concurrently, cited: true })]) });
    await engine.dispose();
  });

  it('with a chat model, searches the model’s standalone rewrite of the follow-up', async () => {
    const { folder, dbFile } = await manual();
    const rewrite = 'Can I create an index without locking the table?';
    const generator = new ScriptedGenerator([rewrite]);
    const engine = new Engine({ store: Store.open(dbFile), extract: extractReadFile, generator });
    const first = await engine.converse(null, FIRST, { mode: 'bm25' });
    expect(generator.prompts).toHaveLength(1); // a first question is answered without a rewrite
    const second = await engine.converse(first.conversationId, FOLLOW_UP, { mode: 'bm25' });
    expect(second.query).toBe(rewrite);
    expect(generator.prompts).toHaveLength(3);
    expect(generator.prompts[1]?.at(-1)?.text).toContain(`Last question: ${FOLLOW_UP}`);
    expect(second.result.sources[0]?.path).toBe(join(folder, 'sql/index-concurrently.md'));
    // The model answers the question as asked; only the search used the rewrite.
    expect(generator.prompts[2]?.at(-1)?.text).toContain(FOLLOW_UP);
    await engine.dispose();
  });

  it('keeps the conversation in the index database across a reopened engine', async () => {
    const { folder, open } = await manual();
    let engine = open();
    const { conversationId } = await engine.converse(null, FIRST, { mode: 'bm25' });
    await engine.dispose();

    engine = open();
    expect(engine.conversations.list()).toEqual([expect.objectContaining({ id: conversationId, title: FIRST })]);
    const second = await engine.converse(conversationId, FOLLOW_UP, { mode: 'bm25' });
    expect(second.query).toBe(`${FOLLOW_UP} (create index)`);
    const stored = engine.conversations.get(conversationId);
    expect(stored.messages.map((m) => [m.role, m.role === 'user' ? m.text : m.query])).toEqual([
      ['user', FIRST],
      ['assistant', FIRST],
      ['user', FOLLOW_UP],
      ['assistant', `${FOLLOW_UP} (create index)`],
    ]);
    expect(stored.messages[3]?.sources[0]?.path).toBe(join(folder, 'sql/index-concurrently.md'));

    // Regenerate: the last exchange is replaced, not added to.
    await engine.converse(conversationId, FOLLOW_UP, { mode: 'bm25', regenerate: true });
    expect(engine.conversations.get(conversationId).messages).toHaveLength(4);
    expect(engine.conversations.remove(conversationId)).toBe(true);
    expect(engine.conversations.list()).toEqual([]);
    await engine.dispose();
  });

  it('refuses an unknown conversation and an empty question without writing anything', async () => {
    const { open } = await manual();
    const engine = open();
    const unknown = engine.converse(4242, FOLLOW_UP);
    await expect(unknown).rejects.toBeInstanceOf(TroveError);
    await expect(unknown).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Conversation 4242 does not exist.' });
    expect(() => engine.conversations.get(4242)).toThrow(/Conversation 4242 does not exist/);
    for (const empty of ['', '   \n\t']) await expect(engine.converse(null, empty)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const { conversationId } = await engine.converse(null, FIRST, { mode: 'bm25' });
    await expect(engine.converse(conversationId, ' ')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(engine.conversations.list()).toHaveLength(1);
    expect(engine.conversations.get(conversationId).messages).toHaveLength(2);
    await engine.dispose();
  });

  it('removes the saved question again when answering fails, and the conversation made for it', async () => {
    const { open } = await manual();
    const engine = open();
    // Answering without retrieval needs a chat model: the answer fails after the question was saved.
    await expect(engine.converse(null, FIRST, { retrieval: false })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(engine.conversations.list()).toEqual([]);
    const { conversationId } = await engine.converse(null, FIRST, { mode: 'bm25' });
    await expect(engine.converse(conversationId, FOLLOW_UP, { retrieval: false })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(engine.conversations.get(conversationId).messages).toHaveLength(2);
    await engine.dispose();
  });
});

describe('search with words carried from earlier turns', () => {
  it('finds chunks with the carried words too, and first the chunk holding both', async () => {
    const { folder, open } = await manual({
      'a.md': 'Glaciers retreat in summer when the melt season is long.',
      'b.md': 'Harbours freeze in winter when the cold season is long.',
      'c.md': 'Glaciers reach the harbours of the north, slowly.',
      'd.md': 'Nothing here is about either of them at all, really.',
    });
    const engine = open();
    const paths = async (query: string, carried: string) => (await engine.search(query, { mode: 'bm25', carried })).results.map((hit) => hit.path);
    const found = await paths('glaciers', 'harbours');
    expect(found[0]).toBe(join(folder, 'c.md'));
    expect([...found].sort()).toEqual(['a.md', 'b.md', 'c.md'].map((f) => join(folder, f)));
    expect((await paths('glaciers', '')).sort()).toEqual(['a.md', 'c.md'].map((f) => join(folder, f)));
    await engine.dispose();
  });
});

describe('a question that names no antecedent but continues the topic', () => {
  const FILES = {
    'privoxy.md': '# Privoxy\n\nPrivoxy is a web proxy that removes ads and trackers. It listens on port 8118: set that as the proxy in your browser.\n',
    'web-server.md': '# Web server\n\nThe web interface opens in your browser on port 443, the standard HTTPS port: no other port is needed.\n',
    'wallpaper.md': '# Desktop\n\nTo change the wallpaper, open the desktop settings and pick an image.\n',
  };

  it('is searched with the earlier words when the index holds a passage answering both, and as asked after a change of topic', async () => {
    const { folder, open } = await manual(FILES);
    const engine = open();
    const previous = [{ question: 'How do I enable Privoxy?' }];
    const question = 'Which port do I put in my browser?';
    // Alone, the question finds the web server page's port; in the conversation, Privoxy's.
    expect((await engine.search(question, { mode: 'bm25', k: 1 })).results[0]?.path).toBe(join(folder, 'web-server.md'));
    const continued = await engine.standaloneQuery(previous, question);
    expect(continued).toMatchObject({ method: 'carried', carried: 'enable Privoxy' });
    const hits = await engine.search(continued.query, { mode: 'bm25', k: 1, carried: continued.carried });
    expect(hits.results[0]?.path).toBe(join(folder, 'privoxy.md'));
    // A new topic: no passage holds "wallpaper" together with Privoxy's words as well as the desktop page does alone.
    expect(await engine.standaloneQuery(previous, 'How do I change the wallpaper?')).toMatchObject({ method: 'as-asked', carried: '' });
    await engine.dispose();
  });
});
