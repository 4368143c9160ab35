/**
 * The team index in the Folders view, rendered with React's server renderer (no browser): the panel says which
 * index is in use and why a chosen one is not; on a team index the folders' settings are disabled (they are the
 * administrator's); and the command switches in the host, then reloads the status the folders are shown from.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import type { ApiMethod, AppStatus, FolderView, TeamIndexView } from '../../../electron/shared/api.ts';
import type { Api } from '../../../renderer/src/api/client.ts';
import { createCommands } from '../../../renderer/src/commands.ts';
import { FoldersPanel } from '../../../renderer/src/components/FoldersPanel.tsx';
import { TeamIndexPanel } from '../../../renderer/src/components/TeamIndexPanel.tsx';
import { initialState, reduce, type Action } from '../../../renderer/src/state/reducer.ts';

const URL = 'postgresql://me@db.example.com/trove';
const FOLDER = '/share/handbook';

const panel = (team: TeamIndexView) => renderToStaticMarkup(createElement(TeamIndexPanel, { team, commands: { setTeamIndex: async () => true } }));

const folder: FolderView = {
  path: FOLDER, status: 'active', paused: false, ocr: true, error: null, documents: 3, chunks: 12, failed: 0, skipped: 0, pending: 0, indexedAt: null, indexedBy: null, problems: [],
};

function recordingApi(team: TeamIndexView): { api: Api; calls: Array<[ApiMethod, unknown]> } {
  const calls: Array<[ApiMethod, unknown]> = [];
  const status: AppStatus = {
    dataDir: '/data', teamIndex: URL, folders: [folder], documents: 3, chunks: 12,
    models: { chat: null, embedding: null, adapters: [], contextSize: null, backend: null }, memory: { rssBytes: 1, totalBytes: 2 }, notices: [],
  };
  const api: Api = {
    call(method, params) {
      calls.push([method, params]);
      return Promise.resolve((method === 'status' ? status : method === 'setTeamIndex' ? team : null) as never);
    },
    onEvent: () => () => undefined,
  };
  return { api, calls };
}

describe('the team index panel', () => {
  test("says this computer's own index is in use when none is chosen, with no way back to offer", () => {
    const html = panel({ url: null, inUse: false, problem: null });
    expect(html).toContain("Using this computer&#x27;s own index.");
    expect(html).not.toContain('Use this computer');
    expect(html).not.toContain('role="alert"');
  });

  test('names the team index in use and offers to go back', () => {
    const html = panel({ url: URL, inUse: true, problem: null });
    expect(html).toContain(`Using the team index <code>${URL}</code>.`);
    expect(html).toContain('Use this computer&#x27;s own index');
  });

  test('says why a chosen team index is not in use', () => {
    const html = panel({ url: URL, inUse: false, problem: `The index database ${URL} cannot be reached (connect ECONNREFUSED)` });
    expect(html).toContain('cannot be used now');
    expect(html).toMatch(/role="alert">The index database .* cannot be reached/);
  });
});

describe('folders of a team index', () => {
  test("have their OCR switch, pause and remove disabled, and say they are the team's", () => {
    const commands = createCommands(recordingApi({ url: URL, inUse: true, problem: null }).api, () => undefined, () => initialState);
    const render = (teamIndex: string | null) => renderToStaticMarkup(createElement(FoldersPanel, { folders: [folder], teamIndex, progress: {}, commands, pathOfDropped: () => undefined }));
    const team = render(URL);
    expect(team.match(/disabled=""/g)).toHaveLength(3);
    expect(team).toContain(`folders of the team index <code>${URL}</code>`);
    const own = render(null);
    expect(own).not.toContain('disabled');
    expect(own).not.toContain('team index');
  });

  test('switching calls the host, then reloads the status the folders are shown from', async () => {
    const team: TeamIndexView = { url: URL, inUse: true, problem: null };
    const { api, calls } = recordingApi(team);
    const actions: Action[] = [];
    const commands = createCommands(api, (action) => actions.push(action), () => initialState);
    expect(await commands.setTeamIndex(URL)).toBe(true);
    expect(calls).toEqual([
      ['setTeamIndex', { url: URL }],
      ['status', {}],
    ]);
    const state = actions.reduce(reduce, initialState);
    expect(state.teamIndex).toEqual(team);
    expect(state.status?.teamIndex).toBe(URL);
  });
});
