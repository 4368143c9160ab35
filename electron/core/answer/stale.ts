/** Marks the sources of an answer whose files changed on disk since they were indexed. */
import type { AskCitation, AskResult } from './types.ts';

export function markStale(result: AskResult, staleChunkIds: ReadonlySet<number>): AskResult {
  if (staleChunkIds.size === 0) return result;
  const mark = (c: AskCitation): AskCitation => (staleChunkIds.has(c.chunkId) ? { ...c, stale: true } : c);
  const stale = result.citations.filter((c) => staleChunkIds.has(c.chunkId)).length;
  return {
    ...result,
    citations: result.citations.map(mark),
    sources: result.sources.map(mark),
    notices: stale > 0 ? [...result.notices, `${stale} cited file(s) changed on disk since they were indexed; run \`trove index\` to refresh.`] : result.notices,
  };
}
