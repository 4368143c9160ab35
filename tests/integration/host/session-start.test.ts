// The app's engine session opens without waiting for its watcher to reconcile the folders with the disk: the
// window can search at once while a large folder is walked, and the walk's result arrives as events.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../../../electron/core/open-engine.ts';
import type { FolderEvent } from '../../../electron/core/watch/live-index.ts';
import { EngineSession } from '../../../electron/host/session.ts';
import { writeFiles } from '../../helpers/sample-folder.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { waitFor } from '../watch/watch-helpers.ts';

const tempDir = useTempDirs();

describe('the engine session at the app start', () => {
  it('opens before the watcher has walked a large folder, searches meanwhile, and reports the folder watched later', async () => {
    const folder = await tempDir();
    const dataDir = await tempDir();
    await writeFiles(folder, { 'beacon.md': '# Beacon\n\nThe lighthouse beacon turns every ten seconds.\n' });
    const first = await openEngine({ dataDir });
    await first.index([folder]);
    await first.dispose();
    // Enough new files that the start's reconciliation (a walk, then their indexing) takes many turns of the event loop.
    await writeFiles(folder, Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`notes/n-${i}.md`, `Note ${i} about the harbour.\n`])));

    const folderEvents: FolderEvent[] = [];
    const session = await EngineSession.open({ dataDir, onProgress: () => undefined, onFile: () => undefined, onFolder: (event) => folderEvents.push(event) });
    try {
      expect(folderEvents).toEqual([]);
      const found = await session.use((engine) => engine.search('lighthouse beacon', { mode: 'bm25' }));
      expect(found.results[0]?.path).toBe(join(folder, 'beacon.md'));
      await waitFor(() => folderEvents.some((event) => event.kind === 'watching' && event.path === folder), 'the folder to be watched', 60_000);
    } finally {
      await session.dispose();
    }
  });
});
