import { describe, expect, test } from 'vitest';
import type { AppStatus, AskOutcome, MessageView } from '../../../electron/shared/api.ts';
import { initialState, lastQuestion, needsChatModel, reduce, type Action, type State } from '../../../renderer/src/state/reducer.ts';

const message = (id: number, role: MessageView['role'], text: string): MessageView => ({
  id,
  role,
  text,
  kind: role === 'assistant' ? 'generated' : null,
  model: null,
  aborted: false,
  query: null,
  answerId: null,
  sources: [],
  createdAt: id,
});

const outcome = (conversationId: number, q: number, text: string): AskOutcome => ({
  conversationId,
  question: message(q, 'user', 'question?'),
  answer: message(q + 1, 'assistant', text),
});

const run = (state: State, ...actions: Action[]) => actions.reduce(reduce, state);

describe('the chat state', () => {
  test('streams tokens of the current answer only, then keeps the saved messages', () => {
    const state = run(
      initialState,
      { type: 'ask-started', streamId: 's1', question: 'question?', regenerate: false },
      { type: 'answer-token', streamId: 's1', text: 'Hel' },
      { type: 'answer-token', streamId: 'other', text: 'XXX' },
      { type: 'answer-token', streamId: 's1', text: 'lo' },
    );
    expect(state.streaming).toMatchObject({ text: 'Hello', tokens: 2 });
    const done = reduce(state, { type: 'ask-finished', streamId: 's1', outcome: outcome(7, 1, 'Hello') });
    expect(done.streaming).toBeNull();
    expect(done.conversationId).toBe(7);
    expect(done.messages.map((m) => m.text)).toEqual(['question?', 'Hello']);
  });

  test('refuses a second question while one is answering, and ignores late results of other streams', () => {
    const asking = run(initialState, { type: 'ask-started', streamId: 's1', question: 'a', regenerate: false });
    expect(reduce(asking, { type: 'ask-started', streamId: 's2', question: 'b', regenerate: false })).toBe(asking);
    expect(reduce(asking, { type: 'ask-finished', streamId: 's2', outcome: outcome(1, 1, 'x') })).toBe(asking);
    expect(reduce(asking, { type: 'new-chat' })).toBe(asking);
  });

  test('regenerate replaces the last exchange', () => {
    const first = run(initialState, { type: 'ask-started', streamId: 's1', question: 'question?', regenerate: false }, { type: 'ask-finished', streamId: 's1', outcome: outcome(3, 1, 'first') });
    expect(lastQuestion(first)).toBe('question?');
    const again = run(first, { type: 'ask-started', streamId: 's2', question: 'question?', regenerate: true }, { type: 'ask-finished', streamId: 's2', outcome: outcome(3, 3, 'second') });
    expect(again.messages.map((m) => `${m.id}:${m.text}`)).toEqual(['3:question?', '4:second']);
  });

  test('a failed answer ends streaming and shows the error', () => {
    const error = { code: 'MODEL_INVALID', message: 'bad model', action: 'download it again' };
    const state = run(initialState, { type: 'ask-started', streamId: 's1', question: 'a', regenerate: false }, { type: 'ask-failed', streamId: 's1', error });
    expect(state.streaming).toBeNull();
    expect(state.error).toEqual(error);
  });

  test('the source panel shows only the passage that was opened last', () => {
    const passage = (chunkId: number) => ({ chunkId, path: '/a.md', startLine: 1, endLine: 2, page: null, heading: '', before: '', passage: 'p', after: '', inContext: true });
    const state = run(initialState, { type: 'source-opened', chunkId: 1 }, { type: 'source-opened', chunkId: 2 }, { type: 'source-loaded', passage: passage(1) });
    expect(state.source).toEqual({ chunkId: 2, passage: null });
    expect(reduce(state, { type: 'source-loaded', passage: passage(2) }).source?.passage?.chunkId).toBe(2);
  });
});

describe('folders and models state', () => {
  const status = (paths: string[], chat: string | null, pending: Record<string, number> = {}): AppStatus => ({
    dataDir: '/d',
    teamIndex: null,
    folders: paths.map((path) => ({ path, status: 'active', paused: false, ocr: true, error: null, documents: 0, chunks: 0, failed: 0, skipped: 0, pending: pending[path] ?? 0, indexedAt: null, indexedBy: null, problems: [] })),
    documents: 0,
    chunks: 0,
    models: { chat, embedding: null, adapters: [], contextSize: null, backend: null },
    memory: { rssBytes: 1, totalBytes: 2 },
    notices: [],
  });
  const progress = (folder: string, phase: 'indexing' | 'done') => ({ type: 'index-progress' as const, progress: { folder, phase, filesDone: 1, filesTotal: 2, chunks: 3, etaMs: 100, currentPath: null } });

  test('keeps progress of folders still indexing, drops finished and forgotten ones on the next status', () => {
    const state = run(initialState, progress('/a', 'indexing'), progress('/b', 'done'), progress('/gone', 'indexing'), { type: 'status-loaded', status: status(['/a', '/b'], null, { '/a': 2 }) });
    expect(Object.keys(state.progress)).toEqual(['/a']);
  });

  test('a done event ends the folder\'s progress at once: no stale "1 of 4 files · 5 s left"', () => {
    const indexing = run(initialState, progress('/a', 'indexing'), progress('/b', 'indexing'));
    const done = reduce(indexing, progress('/a', 'done'));
    expect(Object.keys(done.progress)).toEqual(['/b']);
    // A done event for a folder without progress changes nothing.
    expect(reduce(done, progress('/c', 'done')).progress).toBe(done.progress);
  });

  test('a status with nothing pending for a folder drops its last progress, even without a done event', () => {
    const state = run(initialState, progress('/a', 'indexing'), progress('/b', 'indexing'), { type: 'status-loaded', status: status(['/a', '/b'], null, { '/b': 1 }) });
    expect(Object.keys(state.progress)).toEqual(['/b']);
    // Indexing that starts again afterwards shows again.
    expect(Object.keys(reduce(state, progress('/a', 'indexing')).progress)).toEqual(['/b', '/a']);
  });

  test('a missing chat model is what the first-run guide asks for', () => {
    expect(needsChatModel(initialState)).toBe(false);
    expect(needsChatModel(reduce(initialState, { type: 'status-loaded', status: status([], null) }))).toBe(true);
    expect(needsChatModel(reduce(initialState, { type: 'status-loaded', status: status([], '/m.gguf') }))).toBe(false);
  });

  test('download progress is tracked per model from its start until it finishes, and a late report does not revive it', () => {
    const progress = { name: 'm', receivedBytes: 5, totalBytes: 10, bytesPerSecond: 2, etaMs: 2500, resumedFrom: 0 };
    const started = run(initialState, { type: 'download-started', name: 'm' });
    expect(started.downloads).toEqual({ m: null });
    const state = run(started, { type: 'download-progress', progress });
    expect(state.downloads).toEqual({ m: progress });
    const finished = reduce(state, { type: 'download-finished', name: 'm' });
    expect(finished.downloads).toEqual({});
    expect(reduce(finished, { type: 'download-progress', progress }).downloads).toEqual({});
  });
});
