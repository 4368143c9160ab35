/**
 * Choosing a relevance threshold from a dev set (`trove eval --calibrate`): each question's best-passage
 * score under one signal, and whether the documents answer it.
 *
 * Objective: wrongly declining an answerable question is the costlier error (the user loses an answer the
 * documents hold, and cannot tell), so the threshold is the highest one that declines at most
 * `maxWronglyDeclined` (default 5%) of the answerable questions; among thresholds declining the same
 * questions it sits midway between the scores on either side, so a new question scoring near the edge is
 * not decided by how the dev set happened to fall. Issue 11's targets are the same pair: ≤ 5% of answerable
 * questions declined, ≥ 90% of unanswerable ones.
 */
import { TroveError } from '../errors.ts';

export interface ScoredQuestion {
  /** The signal's score for the question's best passage (higher = more likely covered). */
  readonly score: number;
  /** True when the documents answer the question. */
  readonly answerable: boolean;
}

export interface Calibration {
  /** Scores below it are declined ("not covered"). */
  readonly threshold: number;
  /** Of the questions declined, the share that were indeed unanswerable (1 when none is declined). */
  readonly precision: number;
  /** Of the unanswerable questions, the share declined. */
  readonly recall: number;
  /** Of the answerable questions, the share declined. */
  readonly wronglyDeclined: number;
  /** Questions the threshold was chosen on. */
  readonly examples: number;
}

export const MAX_WRONGLY_DECLINED = 0.05;

export function chooseThreshold(scores: readonly ScoredQuestion[], maxWronglyDeclined = MAX_WRONGLY_DECLINED): Calibration {
  const answerable = scores.filter((s) => s.answerable).map((s) => s.score);
  const unanswerable = scores.filter((s) => !s.answerable).map((s) => s.score);
  if (answerable.length === 0 || unanswerable.length === 0) {
    throw new TroveError('INVALID_ARGUMENT', 'Calibrating a relevance threshold needs both answerable and unanswerable questions.');
  }
  if (scores.some((s) => !Number.isFinite(s.score))) throw new TroveError('INVALID_ARGUMENT', 'Relevance scores must be finite numbers.');
  // Declining is `score < threshold`, so the candidates are the distinct scores (each declines everything below it).
  const candidates = [...new Set(scores.map((s) => s.score))].sort((a, b) => a - b);
  const allowed = Math.floor(maxWronglyDeclined * answerable.length);
  let best = candidates[0] as number;
  for (const candidate of candidates) {
    if (answerable.filter((score) => score < candidate).length <= allowed) best = candidate;
  }
  // Same questions declined for any threshold in (highest score below `best`, best]: take the middle.
  const below = candidates.filter((score) => score < best);
  const threshold = below.length > 0 ? ((below[below.length - 1] as number) + best) / 2 : best;
  return evaluateThreshold(scores, threshold);
}

/** How a threshold does on a set of scored questions. */
export function evaluateThreshold(scores: readonly ScoredQuestion[], threshold: number): Calibration {
  const declined = scores.filter((s) => s.score < threshold);
  const rightlyDeclined = declined.filter((s) => !s.answerable).length;
  const unanswerable = scores.filter((s) => !s.answerable).length;
  const answerable = scores.length - unanswerable;
  return {
    threshold,
    precision: declined.length === 0 ? 1 : rightlyDeclined / declined.length,
    recall: unanswerable === 0 ? 0 : rightlyDeclined / unanswerable,
    wronglyDeclined: answerable === 0 ? 0 : (declined.length - rightlyDeclined) / answerable,
    examples: scores.length,
  };
}
