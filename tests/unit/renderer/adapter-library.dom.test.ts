/**
 * The Models view's Adapters section, rendered to HTML with React's server renderer (no browser): the facts and
 * fit badge of each adapter, Attach disabled with the reason when it does not fit, and unusable files listed.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import type { AdapterLibraryView, LibraryAdapterView } from '../../../electron/shared/api.ts';
import { AdapterLibrary, type AdapterLibraryProps } from '../../../renderer/src/components/AdapterLibrary.tsx';
import { initialState, reduce } from '../../../renderer/src/state/reducer.ts';

const CHAT = '/models/qwen2.5-0.5b-instruct.Q8_0.gguf';
const unused = () => Promise.reject(new Error('not called while rendering'));
const commands: AdapterLibraryProps['commands'] = { attachLibraryAdapter: unused, addAdapterFile: unused, forgetAdapterFile: unused };

function adapter(fileName: string, overrides: Partial<LibraryAdapterView> = {}): LibraryAdapterView {
  return {
    path: `/models/${fileName}`,
    fileName,
    origin: 'downloads',
    sizeBytes: 27_808,
    name: null,
    baseArchitecture: 'qwen2',
    baseModel: 'Qwen2.5 0.5B Instruct',
    rank: 8,
    alpha: 16,
    targets: ['attn_q', 'attn_v'],
    fit: { fits: true, chatModel: CHAT, chatArchitecture: 'qwen2', problem: null },
    ...overrides,
  };
}

const library = (adapters: LibraryAdapterView[], problems: AdapterLibraryView['problems'] = []): AdapterLibraryView => ({ adapters, problems, chatModel: CHAT });

/** The markup of one library entry (its <li>), found by its accessible name. */
function entry(html: string, fileName: string): string {
  const start = html.indexOf(`<li aria-label="Library entry ${fileName}">`);
  if (start < 0) throw new Error(`no entry for ${fileName} in ${html}`);
  return html.slice(start, html.indexOf('</li>', start));
}

const render = (props: Partial<AdapterLibraryProps>): string =>
  renderToStaticMarkup(createElement(AdapterLibrary, { library: null, attached: [], commands, ...props }));

describe('the Adapters section', () => {
  test('an adapter that fits shows its facts, a "fits <model>" badge and an enabled Attach', () => {
    const html = entry(render({ library: library([adapter('tone.gguf')]) }), 'tone.gguf');
    expect(html).toContain('qwen2 · rank 8 · alpha 16 · 28 kB');
    expect(html).toMatch(/<span class="fit fits" data-testid="adapter-fit">fits qwen2\.5-0\.5b-instruct\.Q8_0\.gguf<\/span>/);
    expect(html).toMatch(/<button type="button" aria-label="Attach tone\.gguf">Attach<\/button>/);
    expect(html).not.toContain('Remove from list');
  });

  test('an adapter for another family says so, and Attach is disabled with the reason shown', () => {
    const llama = adapter('llama-style.gguf', {
      baseArchitecture: 'llama',
      fit: { fits: false, chatModel: CHAT, chatArchitecture: 'qwen2', problem: 'it was made for llama models, the model is qwen2' },
    });
    const html = entry(render({ library: library([llama]) }), 'llama-style.gguf');
    const reason = 'Does not fit qwen2.5-0.5b-instruct.Q8_0.gguf: it was made for llama models, the model is qwen2.';
    expect(html).toContain(`<span class="fit misfit" data-testid="adapter-fit" title="${reason}">for llama, not qwen2</span>`);
    expect(html).toContain(`<button type="button" disabled="" title="${reason}" aria-label="Attach llama-style.gguf">Attach</button>`);
    expect(html).toContain(`<span class="hint">${reason}</span>`);
  });

  test('without a chat model nothing can be attached, and the reason says what to do', () => {
    const fit = { fits: false, chatModel: null, chatArchitecture: null, problem: 'no chat model is chosen' };
    const html = entry(render({ library: { ...library([adapter('tone.gguf', { fit })]), chatModel: null } }), 'tone.gguf');
    expect(html).toContain('>no chat model</span>');
    expect(html).toMatch(/<button type="button" disabled="" title="Choose a chat model before attaching LoRA adapters\."/);
  });

  test('an attached adapter is marked attached, and a file added by hand can be removed from the list', () => {
    const added = adapter('mine.gguf', { origin: 'added', path: '/home/me/mine.gguf' });
    const html = render({ library: library([added]), attached: [{ path: '/home/me/mine.gguf', scale: 1 }] });
    const mine = entry(html, 'mine.gguf');
    expect(mine).toContain('<span class="muted">attached</span>');
    expect(mine).not.toContain('>Attach<');
    expect(mine).toContain('aria-label="Remove mine.gguf from the list">Remove from list</button>');
  });

  test('files that cannot be used are listed with their problem line; only added ones offer removal', () => {
    const html = render({
      library: library(
        [],
        [
          { path: '/models/cut.gguf', code: 'MODEL_INVALID', message: 'GGUF file cut.gguf is truncated (13904 bytes, expected at least 27808); download it again.', chosen: false },
          { path: '/home/me/gone.gguf', code: 'MODEL_NOT_FOUND', message: 'GGUF file /home/me/gone.gguf was not found.', chosen: true },
        ],
      ),
    });
    expect(html).toContain('No LoRA adapters in the models folders; add an adapter file.');
    expect(html).toContain('<li title="/models/cut.gguf">GGUF file cut.gguf is truncated (13904 bytes, expected at least 27808); download it again.</li>');
    expect(html).toContain('<li title="/home/me/gone.gguf">GGUF file /home/me/gone.gguf was not found.<button type="button">Remove from list</button></li>');
    expect(html).toContain('Add adapter file…');
  });

  test('before the library is loaded there is no empty-library message', () => {
    expect(render({ library: null })).not.toContain('No LoRA adapters');
  });

  test('the state keeps the library the host returned', () => {
    const loaded = library([adapter('tone.gguf')]);
    expect(reduce(initialState, { type: 'adapters-loaded', adapters: loaded }).adapters).toBe(loaded);
  });
});
