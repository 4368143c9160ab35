/** What an answer keeps of its sources in a conversation: every source it was given, marked when cited. */
import type { AskCitation, AskResult } from '../answer/types.ts';
import type { SourceRow } from '../store/sqlite/conversation-repository.ts';
import { numberedSourceOf } from '../types.ts';

/** Every source given to the model, marked when the answer cites it (extractive answers cite what they show). */
export function sourceRows(result: AskResult): SourceRow[] {
  const cited = new Set(result.citations.map((c) => c.chunkId));
  const given: readonly AskCitation[] = result.sources.length > 0 ? result.sources : result.citations;
  return given.map((s) => ({
    ...numberedSourceOf(s),
    heading: s.heading,
    cited: cited.has(s.chunkId),
  }));
}
