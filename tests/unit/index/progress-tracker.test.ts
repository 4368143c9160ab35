import { describe, expect, it } from 'vitest';
import type { IndexProgress } from '../../../electron/core/index/indexer.ts';
import { ProgressTracker } from '../../../electron/core/index/progress-tracker.ts';
import { describe as describeProgress } from '../../../electron/cli/progress.ts';

describe('ProgressTracker', () => {
  it('reports files done of total, chunks per second and an ETA from the pace so far', async () => {
    let now = 1_000;
    let queued = 4;
    const events: IndexProgress[] = [];
    const tracker = new ProgressTracker('/docs', { now: () => now }, (event) => events.push(event), () => queued);
    await tracker.starting('/docs/a.md');
    expect(events.at(-1)).toMatchObject({ filesDone: 0, filesTotal: 4, currentPath: '/docs/a.md', etaMs: undefined });
    now += 2_000;
    tracker.finished(10);
    queued = 3;
    await tracker.starting('/docs/b.md');
    // 1 file in 2 s, 3 left (the queue is re-read at most every 500 ms) → about 6 s; 10 chunks in 2 s = 5/s.
    expect(events.at(-1)).toMatchObject({ filesDone: 1, filesTotal: 4, chunks: 10, chunksPerSecond: 5, etaMs: 6_000 });
    expect(describeProgress(events.at(-1)!)).toBe('indexing 1/4 files, 10 chunks (5.0 chunks/s), about 6 s left: /docs/b.md');
    tracker.end();
    expect(events.at(-1)).toMatchObject({ phase: 'done', filesDone: 1, filesTotal: 1 });
  });
});
