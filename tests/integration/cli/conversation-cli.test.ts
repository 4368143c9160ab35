/**
 * Conversations from the command line: `trove ask --json` names its conversation and what it searched for,
 * `--conversation <id>` continues one (a follow-up searched with its context), unknown ids and empty questions
 * fail with one line, and `trove chat` answers questions piped to it, with /sources, /new and /quit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliWithInput } from '../../helpers/run-cli.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { SQL_MANUAL } from '../../helpers/sql-manual.ts';
const FIRST = 'How do I create an index?';
const FOLLOW_UP = 'Can I do it without locking the table?';
let root: string;
let folder: string;
let dataDir: string;

// One indexed folder for the whole file (each CLI run starts a process): kept until every test is done.
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'trove-test-'));
  folder = join(root, 'docs');
  dataDir = join(root, 'data');
  await writeFiles(folder, SQL_MANUAL);
  expect((await runCli(['--data-dir', dataDir, 'index', folder])).code).toBe(0);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const ask = (...args: string[]) => runCli(['--data-dir', dataDir, 'ask', '--mode', 'bm25', ...args]);

describe('trove ask in a conversation', () => {
  it('returns the conversation and the query as JSON, and continues the conversation with --conversation', async () => {
    const first = await ask('--json', FIRST);
    expect(first.code).toBe(0);
    const json = JSON.parse(first.stdout);
    expect(json).toMatchObject({ conversation: expect.stringMatching(/^\d+$/), query: FIRST, kind: 'extractive' });

    const second = await ask('--json', '--conversation', json.conversation, FOLLOW_UP);
    expect(second.code).toBe(0);
    const followUp = JSON.parse(second.stdout);
    expect(followUp).toMatchObject({ conversation: json.conversation, query: `${FOLLOW_UP} (create index)` });
    expect(followUp.citations[0].path).toBe(join(folder, 'sql/index-concurrently.md'));

    // For people: what was searched is said before the answer.
    const third = await ask('--conversation', json.conversation, 'And on a partitioned table?');
    expect(third.code).toBe(0);
    expect(third.stdout.split('\n')[0]).toMatch(/^Searched for: And on a partitioned table\? \(.*create index.*\)$/);
  });

  it('refuses an unknown conversation and an empty question with one line and a non-zero exit', async () => {
    for (const id of ['9999', 'abc']) {
      const unknown = await ask('--conversation', id, FOLLOW_UP);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stdout).toBe('');
      expect(unknown.stderr.split('\n')[0]).toBe(`trove: Conversation ${id} does not exist.`);
    }
    const empty = await ask('  \t');
    expect(empty.code).not.toBe(0);
    expect(empty.stderr.split('\n')[0]).toBe('trove: The question is empty.');
  });
});

describe('trove chat', () => {
  it('answers piped questions in order, follow-ups with their context, with /sources, /new and /quit', async () => {
    const input = [FIRST, FOLLOW_UP, '/sources', '/new', FOLLOW_UP, '/quit', 'never asked'].join('\n');
    const chat = await runCliWithInput(['--data-dir', dataDir, 'chat', '--mode', 'bm25'], `${input}\n`);
    expect(chat.code).toBe(0);
    const out = chat.stdout;
    // The follow-up in the first conversation is searched with its context and finds the page it means first.
    const searched = out.indexOf(`Searched for: ${FOLLOW_UP} (create index)`);
    expect(searched).toBeGreaterThan(0);
    expect(out.slice(searched).split('\n')[1]).toContain(`[1] ${join(folder, 'sql/index-concurrently.md')}`);
    // /sources lists the last answer's sources (the focused lines), cited ones marked.
    expect(out).toContain(`[1] ${join(folder, 'sql/index-concurrently.md')}:3-5 — Building indexes concurrently  (cited)`);
    // After /new the same words start a conversation of their own: nothing is carried.
    const renewed = out.indexOf('New conversation.');
    expect(renewed).toBeGreaterThan(searched);
    expect(out.slice(renewed)).not.toContain('Searched for:');
    expect(out).not.toContain('never asked');
    // Two conversations were made, each named once, and the no-model notice is said once.
    expect(chat.stderr.match(/trove: conversation \d+ /g)).toHaveLength(2);
    expect(chat.stderr.match(/No chat model configured/g)).toHaveLength(1);
  });

  it('continues a conversation given by id, and refuses an unknown one', async () => {
    const first = JSON.parse((await ask('--json', FIRST)).stdout);
    const chat = await runCliWithInput(['--data-dir', dataDir, 'chat', '--mode', 'bm25', '--conversation', first.conversation], `${FOLLOW_UP}\n`);
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain(`Searched for: ${FOLLOW_UP} (create index)`);
    expect(chat.stdout).toContain(`[1] ${join(folder, 'sql/index-concurrently.md')}`);
    const unknown = await runCliWithInput(['--data-dir', dataDir, 'chat', '--conversation', '9999'], `${FOLLOW_UP}\n`);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.split('\n')[0]).toBe('trove: Conversation 9999 does not exist.');
  });
});
