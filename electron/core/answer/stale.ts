/**
 * Marks the sources of an answer whose files changed on disk after they were checked. Sources are brought up to
 * date before the answer is built (index/refresh-on-read.ts), so what this catches is a file edited or deleted
 * while the answer was being written: generation can take a minute on a small CPU.
 */
import type { AskCitation, AskResult } from './types.ts';

export function markStale(result: AskResult, staleChunkIds: ReadonlySet<number>): AskResult {
  if (staleChunkIds.size === 0) return result;
  const mark = (c: AskCitation): AskCitation => (staleChunkIds.has(c.chunkId) ? { ...c, stale: true } : c);
  const stale = result.citations.filter((c) => staleChunkIds.has(c.chunkId)).length;
  return {
    ...result,
    citations: result.citations.map(mark),
    sources: result.sources.map(mark),
    notices:
      stale > 0 ? [...result.notices, `${stale} cited file(s) changed on disk while the answer was being written; ask again to answer from their new text.`] : result.notices,
  };
}
