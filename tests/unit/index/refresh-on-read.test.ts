import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredFacts } from '../../../electron/core/index/freshness.ts';
import { refreshOnRead, type IndexedFile, type RefreshPorts } from '../../../electron/core/index/refresh-on-read.ts';
import type { SearchHit, SearchOptions } from '../../../electron/core/search/searcher.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

function hit(path: string, chunkId: number): SearchHit {
  return { chunkId, documentId: chunkId, folderId: 1, path, title: null, text: `text of ${path}`, heading: '', startLine: 1, endLine: 1, page: null, indexedAt: 0, score: 1, alsoIn: [] };
}

/** Ports over real files whose index entries say what `stored` says; records what was refreshed and queued. */
function recordingPorts(stored: (path: string) => StoredFacts, budgetBytes: number) {
  const refreshed: string[][] = [];
  const queued: string[] = [];
  const ports: RefreshPorts = {
    stored: async (path) => stored(path),
    excluded: async () => new Set(),
    refreshNow: async (files: readonly IndexedFile[]) => void refreshed.push(files.map((f) => f.path)),
    queue: async (files) => void queued.push(...files.map((f) => f.path)),
    budgetBytes,
  };
  return { ports, refreshed, queued };
}

describe('refreshOnRead', () => {
  it('costs one search and no refresh when every file matches its index entry', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a.md': 'alpha' });
    const facts = await stat(join(dir, 'a.md'));
    const { ports, refreshed, queued } = recordingPorts(() => ({ size: facts.size, mtimeMs: Math.trunc(facts.mtimeMs) }), 1024);
    const searches: SearchOptions[] = [];
    const search = refreshOnRead(async (_query, options) => {
      searches.push(options);
      return { results: [hit(join(dir, 'a.md'), 1)], mode: 'bm25', notices: [] };
    }, ports);
    const response = await search('alpha', { k: 3 });
    expect(response.results).toHaveLength(1);
    expect(searches).toHaveLength(1);
    expect(refreshed).toEqual([]);
    expect(queued).toEqual([]);
  });

  it('refreshes changed files in rank order while they fit the budget and queues the rest, then searches once more', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'first.md': 'x'.repeat(10), 'second.md': 'y'.repeat(20), 'third.md': 'z'.repeat(5) });
    const paths = ['first.md', 'second.md', 'third.md'].map((name) => join(dir, name));
    // Nothing matches its (empty) index entry: all three count as changed.
    const { ports, refreshed, queued } = recordingPorts(() => ({ size: 0, mtimeMs: 0 }), 16);
    const searches: SearchOptions[] = [];
    const search = refreshOnRead(async (_query, options) => {
      searches.push(options);
      return { results: paths.map((path, i) => hit(path, i + 1)), mode: 'bm25', notices: [] };
    }, ports);
    const response = await search('q', { k: 3 });
    expect(refreshed).toEqual([[paths[0], paths[2]]]);
    expect(queued).toContain(paths[1]);
    // One more search, one deeper for the queued file's passage; nothing still unmatched is returned.
    expect(searches.map((s) => s.k)).toEqual([3, 4]);
    expect(response.results).toEqual([]);
    expect(response.notices).toContainEqual(expect.stringMatching(/second\.md changed since it was indexed and is too large/));
  });

  it('stops after one refresh round even when a file keeps changing', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'busy.md': 'busy', 'calm.md': 'calm' });
    const busy = join(dir, 'busy.md');
    const calm = join(dir, 'calm.md');
    const calmFacts = await stat(calm);
    const stored = (path: string) => (path === calm ? { size: calmFacts.size, mtimeMs: Math.trunc(calmFacts.mtimeMs) } : { size: 0, mtimeMs: 0 });
    const { ports, refreshed } = recordingPorts(stored, 1024);
    let searches = 0;
    const search = refreshOnRead(async () => {
      searches += 1;
      return { results: [hit(busy, 1), hit(calm, 2)], mode: 'bm25', notices: [] };
    }, ports);
    const response = await search('q', {});
    expect(searches).toBe(2);
    expect(refreshed).toEqual([[busy]]);
    expect(response.results.map((h) => h.path)).toEqual([calm]);
    expect(response.notices).toContainEqual(expect.stringMatching(/busy\.md does not match its index entry/));
  });
});
