/**
 * The OCR switch of a folder in the Folders view, rendered to HTML with React's server renderer (no browser):
 * it shows the folder's setting, and the command behind it calls the host's `setFolderOcr` and then reloads
 * the status, so the switch shows what the engine now holds.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import type { ApiEvent, ApiMethod, AppStatus, FolderView } from '../../../electron/shared/api.ts';
import type { Api } from '../../../renderer/src/api/client.ts';
import { createCommands } from '../../../renderer/src/commands.ts';
import { FoldersPanel } from '../../../renderer/src/components/FoldersPanel.tsx';
import { initialState, type Action } from '../../../renderer/src/state/reducer.ts';

const FOLDER = '/home/me/scans';

function folder(overrides: Partial<FolderView> = {}): FolderView {
  return {
    path: FOLDER, status: 'active', paused: false, ocr: true, error: null, documents: 3, chunks: 12,
    failed: 0, skipped: 0, pending: 0, indexedAt: null, indexedBy: null, problems: [], ...overrides,
  };
}

/** The folder's OCR checkbox (its <input>), found by its accessible name. */
function ocrSwitch(view: FolderView): string {
  const commands = createCommands(recordingApi().api, () => undefined, () => initialState);
  const html = renderToStaticMarkup(createElement(FoldersPanel, { folders: [view], teamIndex: null, progress: {}, commands, pathOfDropped: () => undefined }));
  const label = `aria-label="Read scanned pages and images (OCR) in ${FOLDER}"`;
  const at = html.indexOf(label);
  if (at < 0) throw new Error(`no OCR switch in ${html}`);
  return html.slice(html.lastIndexOf('<input', at), html.indexOf('/>', at) + 2);
}

/** An Api that records each call and answers `status` with one folder whose OCR is off. */
function recordingApi(): { api: Api; calls: Array<[ApiMethod, unknown]> } {
  const calls: Array<[ApiMethod, unknown]> = [];
  const status: AppStatus = {
    dataDir: '/data', teamIndex: null, folders: [folder({ ocr: false })], documents: 3, chunks: 12,
    models: { chat: null, embedding: null, adapters: [], contextSize: null, backend: null },
    memory: { rssBytes: 1, totalBytes: 2 }, notices: [],
  };
  const api: Api = {
    call(method, params) {
      calls.push([method, params]);
      return Promise.resolve((method === 'status' ? status : null) as never);
    },
    onEvent: (_listener: (event: ApiEvent) => void) => () => undefined,
  };
  return { api, calls };
}

describe("a folder's OCR switch", () => {
  test('is on, and labelled with the folder, when the folder reads scans', () => {
    const input = ocrSwitch(folder({ ocr: true }));
    expect(input).toMatch(/^<input type="checkbox" /);
    expect(input).toContain(' checked=""');
  });

  test('is off when OCR was turned off for the folder', () => {
    const input = ocrSwitch(folder({ ocr: false }));
    expect(input).toMatch(/^<input type="checkbox"/);
    expect(input).not.toContain(' checked');
  });

  test('its command sets the folder\'s OCR in the host, then reloads the status the switch shows', async () => {
    const { api, calls } = recordingApi();
    const actions: Action[] = [];
    const commands = createCommands(api, (action) => actions.push(action), () => initialState);
    await commands.setOcr(FOLDER, false);
    expect(calls).toEqual([
      ['setFolderOcr', { path: FOLDER, ocr: false }],
      ['status', {}],
    ]);
    expect(actions).toEqual([expect.objectContaining({ type: 'status-loaded', status: expect.objectContaining({ folders: [expect.objectContaining({ path: FOLDER, ocr: false })] }) })]);
  });
});
