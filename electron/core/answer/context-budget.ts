/**
 * Fits sources into the model's context window by real token counts. The prompt is measured as the model will
 * see it (chat template included), so the answer is guaranteed its reserved room: sources are taken in rank
 * order while the whole prompt plus the answer reserve fits, and a source too long for what is left is skipped
 * in favour of shorter, lower-ranked ones.
 */
import type { ChatMessage } from './ports.ts';

export interface BudgetInput<S> {
  /** Candidates, best first. */
  readonly candidates: readonly S[];
  /** Builds the full prompt for a selection of sources (numbered in the order given). */
  readonly build: (sources: readonly S[]) => ChatMessage[];
  /** Exact prompt tokens (the generator's countPromptTokens). */
  readonly count: (messages: readonly ChatMessage[]) => number;
  readonly contextSize: number;
  /** Tokens kept free for the answer. */
  readonly answerTokens: number;
}

export interface BudgetResult<S> {
  readonly sources: S[];
  readonly promptTokens: number;
  /** Candidates left out because they did not fit. */
  readonly dropped: number;
}

export function fitToContext<S>(input: BudgetInput<S>): BudgetResult<S> {
  const limit = input.contextSize - input.answerTokens;
  const chosen: S[] = [];
  let promptTokens = input.count(input.build(chosen));
  for (const candidate of input.candidates) {
    // Measuring the whole prompt each time (not summing per-source counts) keeps the count exact: token
    // boundaries at the joins and the numbering change with the selection. k is small, tokenizing is cheap.
    const tokens = input.count(input.build([...chosen, candidate]));
    if (tokens > limit) continue;
    chosen.push(candidate);
    promptTokens = tokens;
  }
  return { sources: chosen, promptTokens, dropped: input.candidates.length - chosen.length };
}

/**
 * The best-ranked candidates whose text adds up to at most `budget` tokens (at least the first one). A prompt
 * full to the window is what makes a CPU slow to answer: every prompt token is processed before the first
 * answer token, so sources are limited by what helps, not by what fits.
 */
export function withinSourceBudget<S>(candidates: readonly S[], tokensOf: (source: S) => number, budget: number): S[] {
  const chosen: S[] = [];
  let used = 0;
  for (const candidate of candidates) {
    const tokens = tokensOf(candidate);
    if (chosen.length > 0 && used + tokens > budget) break;
    chosen.push(candidate);
    used += tokens;
  }
  return chosen;
}

/**
 * The longest beginning of `text` (cut at a word boundary, marked with "…") for which `fits` holds, or
 * undefined when not even a few words fit. For a best passage longer than the whole window: better part of it
 * than no answer. `fits` is asked about the exact text returned, marker included.
 */
export function longestFittingPrefix(text: string, fits: (prefix: string) => boolean): string | undefined {
  const shape = (length: number): string => `${text.slice(0, length).replace(/\s+\S*$/, '').trimEnd()} …`;
  let low = 0;
  let high = text.length;
  // Binary search over characters: ~log2(length) token counts.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(shape(mid))) low = mid;
    else high = mid - 1;
  }
  const prefix = shape(low);
  return prefix.length - 2 >= MIN_PREFIX_CHARS && fits(prefix) ? prefix : undefined;
}

const MIN_PREFIX_CHARS = 20;
