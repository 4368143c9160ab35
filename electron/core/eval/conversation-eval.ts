/**
 * Follow-up evaluation: the last turn of each conversation is searched twice, as the engine would search it in
 * the conversation (the follow-up rewritten to stand alone by `standaloneQuery`, when the engine has one; the
 * raw follow-up text otherwise) and as the same question asked on its own. Both are scored with hit@5, so the
 * gap says what asking in a conversation costs.
 */
import type { SearchOptions, SearchResponse } from '../search/searcher.ts';
import type { EvalConversation, EvalDataset } from './dataset.ts';
import { hitAt } from './metrics.ts';
import { mean } from './stats.ts';

/**
 * Turns a follow-up into a standalone search query, given the earlier turns (Engine.standaloneQuery): the
 * query, and the words carried from earlier turns that search weighs less (`SearchOptions.carried`).
 */
export type StandaloneQuery = (
  previous: readonly { question: string; answer?: string }[],
  question: string,
) => Promise<{ readonly query: string; readonly carried?: string; readonly text?: string }>;

export interface FollowUpQuestion {
  readonly id: string;
  readonly followUp: string;
  /** What was searched for the follow-up. */
  readonly query: string;
  readonly standalone: string;
  readonly followUpHit: number;
  readonly standaloneHit: number;
}

export interface FollowUpResult {
  /** How follow-ups were turned into queries: the engine's rewrite, or the raw follow-up text. */
  readonly rewrite: 'engine' | 'none';
  readonly followUpHitAt5: number;
  readonly standaloneHitAt5: number;
  readonly conversations: readonly FollowUpQuestion[];
}

export async function evaluateFollowUps(
  search: (query: string, options: SearchOptions) => Promise<SearchResponse>,
  dataset: EvalDataset,
  standaloneQuery: StandaloneQuery | undefined,
): Promise<FollowUpResult | undefined> {
  const conversations = dataset.conversations ?? [];
  if (conversations.length === 0) return undefined;
  const scored: FollowUpQuestion[] = [];
  for (const conversation of conversations) {
    const searched = standaloneQuery ? await standaloneQuery(conversation.previous, conversation.followUp) : { query: conversation.followUp };
    const { query, carried } = searched;
    scored.push({
      id: conversation.id,
      followUp: conversation.followUp,
      query: searched.text ?? query,
      standalone: conversation.standalone,
      followUpHit: await hitAt5(search, dataset, conversation, query, carried),
      standaloneHit: await hitAt5(search, dataset, conversation, conversation.standalone),
    });
  }
  return {
    rewrite: standaloneQuery ? 'engine' : 'none',
    followUpHitAt5: mean(scored.map((c) => c.followUpHit)),
    standaloneHitAt5: mean(scored.map((c) => c.standaloneHit)),
    conversations: scored,
  };
}

const HIT_DEPTH = 5;

async function hitAt5(
  search: (query: string, options: SearchOptions) => Promise<SearchResponse>,
  dataset: EvalDataset,
  conversation: EvalConversation,
  query: string,
  carried?: string,
): Promise<number> {
  const response = await search(query, { k: HIT_DEPTH, ...(carried ? { carried } : {}) });
  return hitAt(response.results.map((hit) => dataset.hitId(hit, conversation.judgments)), conversation.judgments, HIT_DEPTH);
}
